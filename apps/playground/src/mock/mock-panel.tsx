import type { ImageApi } from '@lunos-image/core';
import type { MockCall } from '@lunos-image/msw';
import { useId } from 'react';
import { scenariosFor } from './scenarios-for';
import { summarizeCall } from './summarize-call';

export interface MockPanelProps {
  /** Id of the scenario armed for the next generation, or '' for a normal answer. */
  scenarioId: string;
  /** The chosen model's wire: the panel offers that route's answers. */
  api: ImageApi;
  onScenarioChange(id: string): void;
  calls: readonly MockCall[];
  where: string;
  disabled?: boolean;
  /** Said under the picker while it is disabled. */
  disabledHint?: string;
}

const GROUPS = ['API errors', 'Stream faults', 'Recordings'] as const;

/** Steer the mock (what the next generation gets) and see the requests it received. */
export function MockPanel({
  scenarioId,
  api,
  onScenarioChange,
  calls,
  where,
  disabled,
  disabledHint,
}: MockPanelProps) {
  const selectId = useId();
  const scenarios = scenariosFor(api);
  const scenario = scenarios.find((s) => s.id === scenarioId);
  const recent = calls.slice(-8).reverse();
  return (
    <section className="panel mock-panel" aria-labelledby={`${selectId}-title`}>
      <header className="panel-header">
        <h2 id={`${selectId}-title`} className="panel-title">
          Mock <span className="field-note">{where}</span>
        </h2>
      </header>
      <div className="field">
        <label className="field-label" htmlFor={selectId}>
          Next generation
        </label>
        <select
          id={selectId}
          className="select"
          // A scenario of the other wire (the model changed since) is not armed: show that.
          value={scenario ? scenarioId : ''}
          disabled={disabled}
          data-testid="scenario"
          onChange={(event) => onScenarioChange(event.target.value)}
        >
          <option value="">Normal answer (drawn for the prompt)</option>
          {GROUPS.filter((group) => scenarios.some((s) => s.group === group)).map((group) => (
            <optgroup key={group} label={group}>
              {scenarios
                .filter((s) => s.group === group)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <p className="hint">
          {disabled && disabledHint
            ? disabledHint
            : scenario
              ? `${scenario.hint} Applies to the next generation only.`
              : api === 'images'
                ? 'A valid request gets a picture drawn for its prompt in each of its slots; GPT Image 1 streams two previews of each first.'
                : 'A valid request gets a picture drawn for its prompt, at its aspect ratio and size.'}
        </p>
      </div>
      <details className="calls">
        <summary>
          Requests received <span className="count">{calls.length}</span>
        </summary>
        {recent.length === 0 ? (
          <p className="hint">None yet.</p>
        ) : (
          <ol className="call-list" data-testid="call-log">
            {recent.map((call) => {
              const s = summarizeCall(call);
              return (
                <li key={s.seq} className="call" data-testid="call">
                  <div className="call-head">
                    <code>{s.request}</code>
                    <span className="muted">{s.answer}</span>
                  </div>
                  {s.settings && <div className="call-settings">{s.settings}</div>}
                  {s.parts.length > 0 && (
                    <ul className="call-parts">
                      {s.parts.map((part, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their place
                        <li key={i} data-testid="call-part">
                          {part}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </details>
    </section>
  );
}
