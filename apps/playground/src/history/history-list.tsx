import { formatDuration } from '../format/format-duration';
import { formatUsd } from '../format/format-usd';
import type { RunRecord } from './run-record';

export interface HistoryListProps {
  runs: readonly RunRecord[];
  /** The entry on screen, if the output pane shows one from the history. */
  selectedId: number | undefined;
  onSelect(run: RunRecord): void;
  onClear(): void;
}

const OUTCOME: Record<RunRecord['outcome'], string> = {
  success: 'Done',
  error: 'Failed',
  aborted: 'Stopped',
};

/** `16:9 1K`: the ratio and size the run asked for (empty when the model's defaults applied). */
function settingsOf(run: RunRecord): string {
  return [run.form.aspectRatio, run.form.imageSize].filter(Boolean).join(' ');
}

/** This session's runs, newest first; clicking one brings back its images and its settings. */
export function HistoryList({ runs, selectedId, onSelect, onClear }: HistoryListProps) {
  return (
    <section className="panel history" aria-labelledby="history-title">
      <header className="panel-header">
        <h2 id="history-title" className="panel-title">
          History <span className="field-note">this session</span>
        </h2>
        {runs.length > 0 && (
          <button type="button" className="link" onClick={onClear}>
            Clear
          </button>
        )}
      </header>
      {runs.length === 0 ? (
        <p className="hint">
          Runs appear here. Click one to see it again and restore its settings.
        </p>
      ) : (
        <ol className="history-list">
          {runs.map((run) => {
            const image = run.images[0];
            return (
              <li key={run.id}>
                <button
                  type="button"
                  className="history-item"
                  aria-current={run.id === selectedId ? 'true' : undefined}
                  data-testid="history-item"
                  onClick={() => onSelect(run)}
                >
                  <span className={`history-thumb is-${run.outcome}`}>
                    {image ? (
                      <img src={image.url} alt="" />
                    ) : (
                      <span aria-hidden="true">{run.outcome === 'error' ? '!' : '–'}</span>
                    )}
                  </span>
                  <span className="history-text">
                    <span className="history-prompt">{run.form.prompt}</span>
                    <span className="history-meta">
                      {OUTCOME[run.outcome]}
                      {run.error && ` · ${run.error.title}`}
                      {settingsOf(run) && ` · ${settingsOf(run)}`} · {formatDuration(run.elapsedMs)}
                      {run.cost !== undefined && ` · ${formatUsd(run.cost)}`} · {run.modelName}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
