import { useCountdown } from '../ui/use-countdown';
import type { ErrorDescription } from './describe-error';

export interface ErrorPanelProps {
  error: ErrorDescription;
  /** When the error arrived (`Date.now()`), to count the retry wait down. */
  at: number;
  /** Generate again with the same settings; absent when viewing the history. */
  onRetry?: () => void;
}

/** The cause, what to do about it, the API's own words, and a retry that waits when asked to. */
export function ErrorPanel({ error, at, onRetry }: ErrorPanelProps) {
  const until = error.retryAfterMs === undefined ? undefined : at + error.retryAfterMs;
  const waitMs = useCountdown(until);

  return (
    <section className="error-panel" role="alert" data-testid="error" data-error-kind={error.kind}>
      <h2 className="error-title">{error.title}</h2>
      <p>{error.message}</p>
      <p className="error-action">{error.action}</p>
      {error.detail && (
        <details className="error-detail">
          <summary>What the API said</summary>
          <pre>{error.detail}</pre>
        </details>
      )}
      {onRetry && error.kind !== 'invalid-input' && (
        <button type="button" className="button" disabled={waitMs > 0} onClick={onRetry}>
          {waitMs > 0 ? `Retry in ${Math.ceil(waitMs / 1000)} s` : 'Try again'}
        </button>
      )}
    </section>
  );
}
