import { formatDuration } from '../format/format-duration';
import { formatUsd } from '../format/format-usd';
import { settingsSummary } from '../run/settings-summary';
import type { RunRecord } from './run-record';

export interface GalleryItemProps {
  run: RunRecord;
  selected: boolean;
  onSelect(): void;
  onRemix(): void;
}

const OUTCOME: Record<RunRecord['outcome'], string> = {
  success: 'Done',
  error: 'Failed',
  aborted: 'Stopped',
};

/**
 * `Done · 16:9 1K · 1.2 s · $0.039 · Gemini …`, with what an Images API run asked for (`4 images`,
 * `quality high`) and its seed, then what applies: the wire, comparison, not saved.
 */
function metaOf(run: RunRecord): string {
  return [
    OUTCOME[run.outcome],
    run.error?.title,
    ...settingsSummary(run.form),
    run.seed !== undefined ? `seed ${run.seed}` : undefined,
    formatDuration(run.elapsedMs),
    run.cost !== undefined ? formatUsd(run.cost) : undefined,
    run.modelName,
    run.form.api === 'images' ? 'Images API' : undefined,
    run.comparedWith?.length ? `picked over ${run.comparedWith.join(', ')}` : undefined,
    run.saved ? undefined : 'not saved',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One run of the gallery: its thumbnail, prompt and outcome, why it failed, and Remix. */
export function GalleryItem({ run, selected, onSelect, onRemix }: GalleryItemProps) {
  const image = run.images[0];
  return (
    <li className="history-entry">
      <button
        type="button"
        className="history-item"
        aria-current={selected ? 'true' : undefined}
        data-testid="history-item"
        data-outcome={run.outcome}
        data-bytes={run.bytes}
        onClick={onSelect}
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
          <span className="history-meta">{metaOf(run)}</span>
          {run.error && (
            <span className="history-reason" data-testid="history-reason">
              {run.error.message}
            </span>
          )}
        </span>
      </button>
      <button
        type="button"
        className="button is-small remix"
        aria-label={`Remix: use the settings of “${run.form.prompt}” again`}
        title="Use these settings again"
        onClick={onRemix}
      >
        Remix
      </button>
    </li>
  );
}
