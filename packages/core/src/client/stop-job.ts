import { routePath } from '../routes/route-path';

/** What stopping a job needs: where the route handler is and how the client calls it. */
export interface JobStopTarget {
  baseURL: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

/**
 * `DELETE {baseURL}/jobs/{id}`, fire and forget: `keepalive` lets it leave a page that is
 * unloading, and how it went is nobody's concern (the run already ended as its caller chose; a
 * job already over answers 404).
 */
export function stopJob(target: JobStopTarget, id: string): void {
  const url = `${target.baseURL}${routePath('job-stop', { id })}`;
  try {
    target
      .fetch(url, { method: 'DELETE', headers: target.headers, keepalive: true })
      .then((response) => response.body?.cancel(), noop)
      .catch(noop);
  } catch {
    // A fetch that throws synchronously: still nothing to report.
  }
}

function noop(): void {}
