import { useId } from 'react';
import { drawSeed, MAX_SEED } from './draw-seed';

export interface SeedFieldProps {
  seed: number | undefined;
  locked: boolean;
  onChange(next: { seed: number | undefined; locked: boolean }): void;
}

/** A typed seed as a whole number within what providers take; empty means none. */
function parseSeed(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Math.trunc(Number(text));
  return Number.isFinite(value) ? Math.min(MAX_SEED, Math.max(0, value)) : undefined;
}

/**
 * The seed of an Images API model that takes one: random each run (a new one is drawn and shown
 * here, so a picture worth keeping can be locked), or locked to a value every run sends.
 */
export function SeedField({ seed, locked, onChange }: SeedFieldProps) {
  const id = useId();
  const hint = locked
    ? seed === undefined
      ? 'Locked with no value: no seed is sent. Type one.'
      : `Every run sends seed ${seed}: the same settings give the same pictures.`
    : seed === undefined
      ? 'A new seed is drawn for every run and shown here.'
      : `A new seed every run; the last one was ${seed}. Lock it to keep it.`;
  return (
    <fieldset className="field">
      <legend className="field-label">
        Seed <span className="field-note">{locked ? 'locked' : 'random each run'}</span>
      </legend>
      <div className="seed-row">
        <label className="switch">
          <input
            type="checkbox"
            checked={locked}
            onChange={(event) =>
              onChange({
                locked: event.target.checked,
                // Locking keeps the seed on screen (the last run's), or draws one to start from.
                seed: event.target.checked ? (seed ?? drawSeed()) : seed,
              })
            }
          />
          <span className="switch-track" aria-hidden="true" />
          Lock seed
        </label>
        <input
          id={id}
          className="input seed-input"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_SEED}
          step={1}
          aria-label="Seed value"
          aria-describedby={`${id}-hint`}
          disabled={!locked}
          value={seed ?? ''}
          onChange={(event) => onChange({ locked, seed: parseSeed(event.target.value) })}
        />
      </div>
      <p id={`${id}-hint`} className="hint" data-testid="seed-hint">
        {hint}
      </p>
    </fieldset>
  );
}
