import { useId } from 'react';

export interface ChoiceChipsProps<T extends string> {
  /** The legend, also the radio group's accessible name. */
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange(value: T): void;
}

/**
 * A labelled row of radio buttons dressed as chips, which wrap on a narrow screen (a segmented
 * control of five words would not fit a phone). Arrow keys move between them natively.
 */
export function ChoiceChips<T extends string>({
  label,
  options,
  value,
  onChange,
}: ChoiceChipsProps<T>) {
  const name = useId();
  return (
    <fieldset className="field">
      <legend className="field-label">{label}</legend>
      <div className="chips" role="radiogroup" aria-label={label}>
        {options.map((option) => (
          <label key={option.value} className="chip">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span className="chip-face">{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
