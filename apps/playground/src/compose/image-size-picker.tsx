import type { ImageSize } from '@lunos-image/core';
import { SegmentedControl } from '../ui/segmented-control';

export interface ImageSizePickerProps {
  options: readonly ImageSize[] | undefined;
  value: ImageSize | undefined;
  onChange(value: ImageSize | undefined): void;
  /** The pixel size the choice gives, when known (e.g. `1344 × 768`). */
  pixels: string | undefined;
  /** Said instead of the options when there are none. */
  noOptions: string;
  disabled?: boolean;
}

/** `0.5K` to `4K`, limited to what the model takes. */
export function ImageSizePicker({
  options,
  value,
  onChange,
  pixels,
  noOptions,
  disabled,
}: ImageSizePickerProps) {
  return (
    <fieldset className="field" disabled={disabled}>
      <legend className="field-label">
        Size{' '}
        {pixels && (
          <span className="field-note" data-testid="expected-pixels">
            {pixels} px
          </span>
        )}
      </legend>
      {options === undefined ? (
        <p className="hint">{noOptions}</p>
      ) : (
        <SegmentedControl<ImageSize>
          label="Image size"
          options={options.map((size) => ({ value: size, label: size }))}
          value={value}
          onChange={onChange}
        />
      )}
    </fieldset>
  );
}
