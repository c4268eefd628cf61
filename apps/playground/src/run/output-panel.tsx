import type { Ref } from 'react';
import type { RunRecord } from '../gallery/run-record';
import { ResultView } from './result-view';
import type { RunView } from './run-view';
import { StatusLine } from './status-line';

export interface OutputPanelProps {
  ref?: Ref<HTMLElement>;
  /** The latest run of the form. */
  live: RunView;
  /** A run from the gallery shown instead of the live one. */
  viewing: RunRecord | undefined;
  /** `performance.now()` when the live run started. */
  startedAt: number;
  idleText: string;
  /** The live run's number, for its download names. */
  runId: number;
  /** The live run's prompt. */
  prompt: string;
  /** `Date.now()` when the live run ended (a Retry-After counts down from it). */
  endedAt: number;
  onRetry(): void;
  intro: string;
  onBack(): void;
  onRemix(run: RunRecord): void;
}

function recordView(run: RunRecord): RunView {
  return {
    source: 'history',
    api: run.form.api ?? 'chat',
    status: run.outcome,
    text: run.text,
    images: run.images,
    slots: run.images.map((image) => ({
      index: image.index,
      status: 'done',
      image,
      preview: undefined,
      error: undefined,
    })),
    error: run.error,
    elapsedMs: run.elapsedMs,
    bytesReceived: run.bytesReceived,
    cost: run.cost,
    timeline: [],
    aspectRatio: run.form.aspectRatio,
  };
}

/** The status line and the output: the run in progress, or one brought back from the gallery. */
export function OutputPanel({
  ref,
  live,
  viewing,
  startedAt,
  idleText,
  runId,
  prompt,
  endedAt,
  onRetry,
  intro,
  onBack,
  onRemix,
}: OutputPanelProps) {
  const view = viewing ? recordView(viewing) : live;
  return (
    <section ref={ref} className="panel output" aria-label="Output">
      <StatusLine view={view} startedAt={startedAt} idleText={idleText} />
      {viewing && (
        <p className="notice is-history" data-testid="viewing">
          Showing a run from {new Date(viewing.finishedAt).toLocaleString()} on{' '}
          {viewing.connectionLabel}.{' '}
          <button type="button" className="link" onClick={() => onRemix(viewing)}>
            Use these settings again
          </button>{' '}
          ·{' '}
          <button type="button" className="link" onClick={onBack}>
            Back to the latest run
          </button>
        </p>
      )}
      <ResultView
        view={view}
        runLabel={viewing ? `h${viewing.id}` : String(runId)}
        prompt={viewing?.form.prompt ?? prompt}
        errorAt={endedAt}
        onRetry={viewing ? undefined : onRetry}
        intro={intro}
      />
    </section>
  );
}
