import { useId } from 'react';

export interface RadioGroupProps<T extends string> {
  /** The radio group's accessible name. */
  label: string;
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange(value: T): void;
  /** The group's class (`segmented`, `chips`), each option's, and the face drawn after its input. */
  className: string;
  optionClass: string;
  faceClass?: string;
}

/**
 * Radio buttons drawn as the face after each (visually hidden) input, as segments or chips;
 * arrow keys move between them natively.
 */
export function RadioGroup<T extends string>({
  label,
  options,
  value,
  onChange,
  className,
  optionClass,
  faceClass,
}: RadioGroupProps<T>) {
  const name = useId();
  return (
    <div className={className} role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <label key={option.value} className={optionClass}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span className={faceClass}>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
