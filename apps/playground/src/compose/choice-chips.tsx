import { RadioGroup } from '../ui/radio-group';

export interface ChoiceChipsProps<T extends string> {
  /** The legend, also the radio group's accessible name. */
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange(value: T): void;
}

/**
 * A labelled row of radio buttons dressed as chips, which wrap on a narrow screen (a segmented
 * control of five words would not fit a phone).
 */
export function ChoiceChips<T extends string>(props: ChoiceChipsProps<T>) {
  return (
    <fieldset className="field">
      <legend className="field-label">{props.label}</legend>
      <RadioGroup {...props} className="chips" optionClass="chip" faceClass="chip-face" />
    </fieldset>
  );
}
