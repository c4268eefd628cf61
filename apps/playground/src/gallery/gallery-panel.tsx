import { formatBytes } from '../format/format-bytes';
import { GalleryItem } from './gallery-item';
import type { GallerySnapshot } from './gallery-store';
import type { RunRecord } from './run-record';

export interface GalleryPanelProps {
  gallery: GallerySnapshot;
  /** The run the output pane shows, if it shows one from the gallery. */
  selectedId: number | undefined;
  onSelect(run: RunRecord): void;
  onRemix(run: RunRecord): void;
  onClear(): void;
}

const WHERE: Record<GallerySnapshot['storage'], string> = {
  loading: 'opening…',
  saved: 'kept in this browser',
  session: 'this session only',
};

/**
 * Every run, newest first, kept across reloads: click one to see it again (images, caption or
 * the failure), remix it to put its settings back into the form. Says what it takes of its limit,
 * and why runs are not kept when storage fails.
 */
export function GalleryPanel({
  gallery,
  selectedId,
  onSelect,
  onRemix,
  onClear,
}: GalleryPanelProps) {
  const { runs } = gallery;
  return (
    <section
      className="panel history"
      aria-labelledby="gallery-title"
      data-testid="gallery"
      data-storage={gallery.storage}
    >
      <header className="panel-header">
        <h2 id="gallery-title" className="panel-title">
          Gallery <span className="field-note">{WHERE[gallery.storage]}</span>
        </h2>
        <span className="gallery-size">
          <span data-testid="gallery-size" data-bytes={gallery.bytes}>
            {runs.length} run{runs.length === 1 ? '' : 's'} · {formatBytes(gallery.bytes)} of{' '}
            {formatBytes(gallery.maxBytes)}
          </span>
          {runs.length > 0 && (
            <button type="button" className="link" onClick={onClear}>
              Clear
            </button>
          )}
        </span>
      </header>
      {(gallery.problem || gallery.limitWarning) && (
        <p className="hint is-warning" role="status" data-testid="gallery-problem">
          {[gallery.limitWarning, gallery.problem].filter(Boolean).join(' ')}
        </p>
      )}
      {runs.length === 0 ? (
        <p className="hint">
          Runs appear here and stay after a reload. Click one to see it again; Remix puts its
          settings back into the form.
        </p>
      ) : (
        <ol className="history-list">
          {runs.map((run) => (
            <GalleryItem
              key={run.id}
              run={run}
              selected={run.id === selectedId}
              onSelect={() => onSelect(run)}
              onRemix={() => onRemix(run)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
