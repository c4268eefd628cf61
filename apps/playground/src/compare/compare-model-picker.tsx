import type { ImageModel } from '@lunos-image/core';
import { modelKey } from '../models/model-key';
import { ModelSummary } from '../models/model-summary';

/** A comparison needs two models to be one, and more than four columns stop being readable. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

export interface CompareModelPickerProps {
  models: readonly ImageModel[];
  /** Keys (`modelKey`) of the chosen models, in the order they were chosen (the columns' order). */
  chosen: readonly string[];
  onChange(chosen: readonly string[]): void;
}

/** The models of a comparison: 2 to 4 checkboxes, the rest disabled once four are chosen. */
export function CompareModelPicker({ models, chosen, onChange }: CompareModelPickerProps) {
  const full = chosen.length >= COMPARE_MAX;
  return (
    <fieldset className="field compare-picker">
      <legend className="field-label">
        Models to compare{' '}
        <span className="field-note">
          {chosen.length} chosen, {COMPARE_MIN} to {COMPARE_MAX}
        </span>
      </legend>
      <div className="compare-options">
        {models.map((model) => {
          const key = modelKey(model);
          const checked = chosen.includes(key);
          return (
            <label key={key} className="compare-option">
              <input
                type="checkbox"
                checked={checked}
                disabled={!checked && full}
                onChange={() =>
                  onChange(checked ? chosen.filter((k) => k !== key) : [...chosen, key])
                }
              />
              <ModelSummary model={model} />
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
