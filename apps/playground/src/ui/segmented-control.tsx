import { useId } from 'react';

export interface SegmentedControlProps<T extends string> {
  /** The radio group's accessible name. */
  label: string;
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange(value: T): void;
}

/** A row of radio buttons dressed as one control; arrow keys move between them natively. */
export function SegmentedControl<T extends string>({
  label,
  options,
  value,
  onChange,
}: SegmentedControlProps<T>) {
  const name = useId();
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <label key={option.value} className="segment">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
