import type { ImageModel } from '@lunos-image/core';
import { type Ref, useEffect, useId, useImperativeHandle, useMemo, useState } from 'react';
import type { ComposeForm } from '../compose/compose-form';
import { formAsSent } from '../compose/form-as-sent';
import { variablesFor } from '../compose/variables-for';
import type { Connection } from '../connection/connection';
import { createPlaygroundClient } from '../connection/create-playground-client';
import { liveCost } from '../connection/live-cost';
import { scenarioHeaders } from '../mock/scenario-headers';
import { apiOf, modelKey } from '../models/model-key';
import { CostLine } from '../run/cost-line';
import { ResultView } from '../run/result-view';
import { settingsSummary } from '../run/settings-summary';
import { StatusLine } from '../run/status-line';
import { type RunEnd, replacedEarly, useTimedGeneration } from '../run/use-timed-generation';
import { columnScenarios } from './column-scenarios';

/** What the board does to a column. */
export interface CompareColumnHandle {
  /** Sends the form to this column's model (its own ratio and size where the form's do not fit). */
  start(form: ComposeForm): void;
  stop(): void;
}

export interface CompareColumnProps {
  ref?: Ref<CompareColumnHandle>;
  model: ImageModel;
  /** The form now, for the settings and the estimate shown before a run. */
  form: ComposeForm;
  connection: Connection;
  /** A mock mode: the column can be given a mock answer of its own. */
  mocked: boolean;
  /** `1 of 3`, for the phone's swiped stack. */
  position: string;
  /** Whether this column's run was picked, another one was, or none yet. */
  winner: 'this' | 'other' | undefined;
  /** The form as this column sent it, with how its run ended. */
  onPick(end: RunEnd<ComposeForm>): void;
  /**
   * Stable across renders: called with the model's `modelKey` when the column's run starts and
   * ends, and on unmount.
   */
  onRunningChange(key: string, running: boolean): void;
}

/**
 * One model of a comparison: its own `useImageGeneration` (so its own stream, stopwatch, cost,
 * error and Stop), and, on a mock, its own mock answer, sent as request headers by a client of its
 * own so that it reaches this column however the columns' requests race.
 */
export function CompareColumn({
  ref,
  model,
  form,
  connection,
  mocked,
  position,
  winner,
  onPick,
  onRunningChange,
}: CompareColumnProps) {
  const titleId = useId();
  const [scenarioId, setScenarioId] = useState('');
  const [end, setEnd] = useState<RunEnd<ComposeForm>>();
  const scenarios = columnScenarios(apiOf(model));
  const scenario = mocked ? scenarios.find((s) => s.id === scenarioId) : undefined;
  const client = useMemo(
    () =>
      scenario ? createPlaygroundClient(connection, scenarioHeaders(scenario.scenario)) : undefined,
    [connection, scenario],
  );
  const { generation, view, startedAt, endedAt, start } = useTimedGeneration<ComposeForm>({
    client,
    connection,
    model,
    onFinish: (finished) => {
      if (!replacedEarly(finished)) setEnd(finished);
    },
  });
  const { isRunning, status } = generation;

  const run = (from: ComposeForm) => {
    const variables = variablesFor(from, model);
    setEnd(undefined);
    // Filed as what this column sent: its model, and the settings it could take.
    start(variables, formAsSent(from, model, variables));
  };
  useImperativeHandle(ref, () => ({ start: run, stop: generation.stop }));

  const key = modelKey(model);
  useEffect(() => {
    onRunningChange(key, isRunning);
  }, [key, isRunning, onRunningChange]);
  useEffect(() => () => onRunningChange(key, false), [key, onRunningChange]);

  const sent = generation.variables ?? variablesFor(form, model);
  const settings = settingsSummary(sent).join(' · ') || 'defaults';

  return (
    <section
      className="panel compare-column"
      aria-labelledby={titleId}
      data-testid="compare-column"
      data-model={model.id}
      data-api={apiOf(model)}
      data-winner={winner === 'this' ? 'true' : undefined}
    >
      <header className="compare-head">
        <h3 id={titleId} className="compare-title">
          {model.name}
        </h3>
        <span className="field-note">
          {position} · {settings}
        </span>
      </header>
      {mocked && (
        <label className="compare-scenario">
          <span className="field-note">Mock answer</span>
          <select
            className="select"
            value={scenarioId}
            data-testid="column-scenario"
            onChange={(event) => setScenarioId(event.target.value)}
          >
            <option value="">Normal answer</option>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <StatusLine view={view} startedAt={startedAt} idleText="Waiting for Generate." />
      <CostLine
        requests={[{ model, variables: sent }]}
        billed={status === 'success' ? generation.usage?.cost : undefined}
        {...liveCost(connection, generation.budget)}
      />
      {status !== 'idle' && (
        <ResultView
          view={view}
          runLabel={`${model.id.split('/').at(-1)}-${generation.runId}`}
          prompt={sent.prompt ?? ''}
          errorAt={endedAt}
          onRetry={end?.context ? () => run(end.context) : undefined}
          intro=""
        />
      )}
      <div className="compare-actions">
        <button
          type="button"
          className="button is-secondary"
          disabled={!isRunning}
          onClick={() => generation.stop()}
        >
          Stop
        </button>
        {winner === 'this' ? (
          <span className="winner-note" data-testid="winner">
            Picked · in the gallery
          </span>
        ) : (
          <button
            type="button"
            className="button"
            disabled={winner !== undefined || status !== 'success' || end?.reason !== 'completed'}
            onClick={() => end && onPick(end)}
          >
            Pick as winner
          </button>
        )}
      </div>
    </section>
  );
}
