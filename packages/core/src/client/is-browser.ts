/**
 * True in a page or a Web Worker (dedicated, shared or service): code anyone can read, so an API
 * key there is public. A worker has `self` and `WorkerGlobalScope` but no `window`; Bun and Deno
 * define `self` too, so only an actual `WorkerGlobalScope` counts.
 */
export function isBrowser(): boolean {
  const g = globalThis as {
    window?: { document?: unknown };
    self?: unknown;
    WorkerGlobalScope?: abstract new () => unknown;
  };
  if (typeof g.window !== 'undefined' && typeof g.window.document !== 'undefined') return true;
  return typeof g.WorkerGlobalScope === 'function' && g.self instanceof g.WorkerGlobalScope;
}
