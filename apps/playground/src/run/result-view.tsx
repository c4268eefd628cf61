import { isRunning } from '@lunos-image/core/adapter';
import { ErrorPanel } from './error-panel';
import { ImageSlots } from './image-slots';
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

/** The caption as it streams, the images (and their previews) as they arrive, or what went wrong. */
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
      {(view.text || (running && view.api === 'chat')) && view.status !== 'aborted' && (
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
        <ImageSlots view={view} running={running} runLabel={runLabel} prompt={prompt} />
      )}
    </div>
  );
}
