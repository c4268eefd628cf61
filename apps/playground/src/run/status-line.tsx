import { isRunning } from '@lunos-image/core/adapter';
import { useEffect, useState } from 'react';
import { formatBytes } from '../format/format-bytes';
import { formatDuration } from '../format/format-duration';
import { formatUsd } from '../format/format-usd';
import type { RunView } from './run-view';
import { PHASE_LABELS } from './timeline-mark';

/** Milliseconds since `since`, refreshed ten times a second while `running`. */
function useTicker(running: boolean, since: number): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  return Math.max(0, now - since);
}

/**
 * What the run is doing (announced to screen readers when it changes) and the numbers that tick
 * while it runs (not announced: a live region updated ten times a second is noise).
 */
function sentence(
  view: RunView,
  elapsed: number,
  idleText: string,
): { phase: string; ticking: string } {
  const time = formatDuration(elapsed);
  switch (view.status) {
    case 'idle':
      return { phase: idleText, ticking: '' };
    case 'submitted':
      return { phase: 'Submitted · waiting for the provider', ticking: ` · ${time}` };
    case 'processing':
      return { phase: 'Processing · the provider is working', ticking: ` · ${time}` };
    case 'streaming':
      return {
        // Several slots: say how many images are done (announced once per image, not per byte).
        phase:
          view.slots.length > 1
            ? `Receiving · ${view.images.length} of ${view.slots.length} images`
            : 'Receiving',
        ticking: ` · ${formatBytes(view.bytesReceived)} so far · ${time}`,
      };
    case 'success': {
      const made = view.images.length;
      // Fewer than asked for: a slot failed, or the model made fewer (n is an upper bound).
      const images =
        view.slots.length > made
          ? `${made} of ${view.slots.length} images`
          : `${made} image${made === 1 ? '' : 's'}`;
      const cost = view.cost === undefined ? '' : ` · ${formatUsd(view.cost)}`;
      return {
        phase: `Done in ${time} · ${images} · ${formatBytes(view.bytesReceived)}${cost}`,
        ticking: '',
      };
    }
    case 'error':
      return {
        phase: `Failed after ${time}${view.error ? ` · ${view.error.title}` : ''}`,
        ticking: '',
      };
    case 'aborted':
      return { phase: `Stopped after ${time}`, ticking: '' };
  }
}

export interface StatusLineProps {
  view: RunView;
  /** `performance.now()` when the live run started (for the running clock). */
  startedAt: number;
  /** What to say before any run (ready, loading, or why nothing can be generated yet). */
  idleText: string;
}

/** One line that always says where the run is, and a timeline of when each phase began. */
export function StatusLine({ view, startedAt, idleText }: StatusLineProps) {
  const running = view.source === 'live' && isRunning(view.status);
  const ticking = useTicker(running, startedAt);
  const elapsed = running ? ticking : view.elapsedMs;
  const { phase, ticking: numbers } = sentence(view, elapsed, idleText);
  return (
    <div className="status" data-testid="status" data-status={view.status}>
      <p className="status-line">
        <span className={`status-dot is-${view.status}`} aria-hidden="true" />
        <span data-testid="status-text">
          <span role="status">{phase}</span>
          {numbers && <span aria-hidden="true">{numbers}</span>}
        </span>
      </p>
      {view.timeline.length > 0 && (
        <ol className="timeline" aria-label="Run timeline" data-testid="timeline">
          {view.timeline.map((m) => (
            <li key={m.phase} data-phase={m.phase} className={`timeline-mark is-${m.phase}`}>
              <span className="timeline-label">{PHASE_LABELS[m.phase]}</span>
              <span className="timeline-time">{formatDuration(m.atMs)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
