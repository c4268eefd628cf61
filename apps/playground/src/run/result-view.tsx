import { isRunning } from '@lunos-image/core';
import { ErrorPanel } from './error-panel';
import { ImageCard } from './image-card';
import type { RunView } from './run-view';

export interface ResultViewProps {
  view: RunView;
  runLabel: string;
  prompt: string;
  errorAt: number;
  onRetry?: (() => void) | undefined;
  /** What the empty state says about where requests go. */
  intro: string;
}

function aspectStyle(ratio: string | undefined) {
  const [w, h] = (ratio ?? '1:1').split(':').map(Number);
  return { aspectRatio: `${w ?? 1} / ${h ?? 1}` };
}

/** The caption as it streams, the images as they arrive, or what went wrong. */
export function ResultView({ view, runLabel, prompt, errorAt, onRetry, intro }: ResultViewProps) {
  const running = view.source === 'live' && isRunning(view.status);
  if (view.status === 'idle') {
    return (
      <div className="empty">
        <div className="empty-art" aria-hidden="true" />
        <h2>Describe an image, then press Enter</h2>
        <p>{intro}</p>
      </div>
    );
  }
  return (
    <div className="result">
      {(view.text || running) && view.status !== 'aborted' && (
        <p className={`caption${running ? ' is-streaming' : ''}`} data-testid="caption">
          {view.text}
        </p>
      )}
      {view.error && view.status === 'error' && (
        <ErrorPanel error={view.error} at={errorAt} onRetry={onRetry} />
      )}
      {view.status === 'aborted' && (
        <p className="notice" data-testid="aborted">
          Stopped. The request was cancelled; nothing more of this run will arrive.
        </p>
      )}
      {(view.images.length > 0 || running) && (
        <div className="images">
          {view.images.map((image) => (
            <ImageCard
              key={`${image.index}-${image.url}`}
              image={image}
              runLabel={runLabel}
              alt={prompt}
            />
          ))}
          {running && view.images.length === 0 && (
            <div
              className="image-placeholder"
              style={aspectStyle(view.aspectRatio)}
              aria-hidden="true"
            >
              <span>{view.status === 'streaming' ? 'Receiving…' : 'Waiting for the image…'}</span>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
