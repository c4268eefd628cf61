import type { ImageModel } from '@lunos-image/core';
import {
  type CSSProperties,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import type { ComposeForm } from '../compose/compose-form';
import type { Connection } from '../connection/connection';
import { modelKey } from '../models/model-key';
import type { RunEnd } from '../run/use-timed-generation';
import { CompareColumn, type CompareColumnHandle } from './compare-column';

/** What the form's Generate, Stop and Escape do to a comparison. */
export interface CompareBoardHandle {
  /** Starts every column on the form; a new round, with no winner yet. */
  start(form: ComposeForm): void;
  stop(): void;
}

export interface CompareBoardProps {
  ref?: Ref<CompareBoardHandle>;
  /** The 2 to 4 models chosen, in the order of the columns. */
  models: readonly ImageModel[];
  form: ComposeForm;
  connection: Connection;
  mocked: boolean;
  /** Files the winner: its run, its model, and the other models' names. */
  onPick(end: RunEnd<ComposeForm>, model: ImageModel, others: readonly string[]): void;
  onRunningChange(running: boolean): void;
}

/**
 * One prompt on 2 to 4 models at once, a column each: side by side on a desktop, a stack to swipe
 * through (scroll snap) on a phone. Picking a winner files that column's run into the gallery.
 */
export function CompareBoard({
  ref,
  models,
  form,
  connection,
  mocked,
  onPick,
  onRunningChange,
}: CompareBoardProps) {
  const columns = useRef(new Map<string, CompareColumnHandle>());
  const [winner, setWinner] = useState<string>();
  const [running, setRunning] = useState<ReadonlySet<string>>(new Set());

  useImperativeHandle(ref, () => ({
    start(from) {
      setWinner(undefined);
      for (const model of models) columns.current.get(modelKey(model))?.start(from);
    },
    stop() {
      for (const column of columns.current.values()) column.stop();
    },
  }));

  const columnRunning = useCallback((key: string, isRunning: boolean) => {
    setRunning((previous) => {
      if (previous.has(key) === isRunning) return previous;
      const next = new Set(previous);
      if (isRunning) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const anyRunning = running.size > 0;
  useEffect(() => {
    onRunningChange(anyRunning);
  }, [anyRunning, onRunningChange]);

  return (
    <section className="panel compare" aria-labelledby="compare-title" data-testid="compare">
      <header className="panel-header">
        <h2 id="compare-title" className="panel-title">
          Compare{' '}
          <span className="field-note">
            one prompt, {models.length} models{models.length > 1 ? ' · swipe on a phone' : ''}
          </span>
        </h2>
      </header>
      {models.length < 2 ? (
        <p className="hint">Choose 2 to 4 models under “Models to compare” in the form.</p>
      ) : (
        <div
          className="compare-columns"
          style={{ '--columns': models.length } as CSSProperties}
          data-testid="compare-columns"
        >
          {models.map((model, i) => {
            const key = modelKey(model);
            return (
              <CompareColumn
                key={key}
                ref={(handle) => {
                  if (handle) columns.current.set(key, handle);
                  return () => {
                    columns.current.delete(key);
                  };
                }}
                model={model}
                form={form}
                connection={connection}
                mocked={mocked}
                position={`${i + 1} of ${models.length}`}
                winner={winner === undefined ? undefined : winner === key ? 'this' : 'other'}
                onPick={(end) => {
                  setWinner(key);
                  onPick(
                    end,
                    model,
                    models.filter((m) => m !== model).map((m) => m.name),
                  );
                }}
                onRunningChange={columnRunning}
              />
            );
          })}
        </div>
      )}
    </section>
  );
}
