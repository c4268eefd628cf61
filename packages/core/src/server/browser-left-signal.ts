/**
 * Deno.serve, in its default "legacy abort" mode (Deno 2.x), marks a request whose `signal` is
 * read at all, and prints "request.signal aborts on successful responses (legacy behavior)" when
 * such a request then ends well (once per process). There the handler does not read it: a browser
 * that leaves cancels the answer's body (Deno does this at once), which stops the upstream too.
 */
function signalWarns(): boolean {
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  return typeof agent === 'string' && agent.startsWith('Deno/');
}

/**
 * What tells the handler that the browser left before the answer began: the request's signal,
 * where reading it has no side effect. After the answer began, the cancel of its body does.
 */
export function browserLeftSignal(request: Request): AbortSignal | undefined {
  return signalWarns() ? undefined : request.signal;
}
