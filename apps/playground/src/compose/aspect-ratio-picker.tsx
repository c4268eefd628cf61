import type { AspectRatio } from '@lunos-image/core';
import { useId } from 'react';

export interface AspectRatioPickerProps {
  /** What the model takes; `undefined` when its docs say nothing (only the default is offered). */
  options: readonly AspectRatio[] | undefined;
  value: AspectRatio | undefined;
  onChange(value: AspectRatio | undefined): void;
  /** Said instead of the options when there are none. */
  noOptions: string;
  disabled?: boolean;
}

function ratioBox(ratio: AspectRatio): { width: number; height: number } {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  const scale = 16 / Math.max(w, h);
  return { width: Math.max(3, w * scale), height: Math.max(3, h * scale) };
}

/** Only the ratios the model is documented to take, each with a little frame of its shape. */
export function AspectRatioPicker({
  options,
  value,
  onChange,
  noOptions,
  disabled,
}: AspectRatioPickerProps) {
  const name = useId();
  return (
    <fieldset className="field" disabled={disabled}>
      <legend className="field-label">Aspect ratio</legend>
      {options === undefined ? (
        <p className="hint">{noOptions}</p>
      ) : (
        <div className="chips" role="radiogroup" aria-label="Aspect ratio">
          {options.map((ratio) => {
            const box = ratioBox(ratio);
            return (
              <label key={ratio} className="chip">
                <input
                  type="radio"
                  name={name}
                  value={ratio}
                  checked={value === ratio}
                  onChange={() => onChange(ratio)}
                />
                <span className="chip-face">
                  <span
                    className="ratio-frame"
                    aria-hidden="true"
                    style={{ width: box.width, height: box.height }}
                  />
                  {ratio}
                </span>
              </label>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}
