import { RadioGroup, type RadioGroupProps } from './radio-group';

export type SegmentedControlProps<T extends string> = Omit<
  RadioGroupProps<T>,
  'className' | 'optionClass' | 'faceClass'
>;

/** A row of radio buttons dressed as one control; arrow keys move between them natively. */
export function SegmentedControl<T extends string>(props: SegmentedControlProps<T>) {
  return <RadioGroup {...props} className="segmented" optionClass="segment" />;
}
