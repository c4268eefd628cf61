import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** True for an origin whose host is loopback (`http://localhost:5173`, `http://127.0.0.1:4010`). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOST.test(url.host);
  } catch {
    return false;
  }
}

export interface LocalRequestPolicy {
  /** Origins a browser page may call from. */
  allowOrigin: (origin: string) => boolean;
  /** Host names (besides loopback ones) the server answers to, e.g. the one it was bound to. */
  extraHosts?: readonly string[];
}

/**
 * Why a request must be refused, or undefined. A local server is reachable from every web page
 * the developer opens: a foreign `Host` is DNS rebinding (a page's own name resolving to
 * 127.0.0.1), a foreign `Origin` a page calling cross-origin (a `text/plain` POST needs no
 * preflight), and `Sec-Fetch-Site` without an `Origin` a no-cors request from another site.
 */
export function refuseForeignRequest(
  req: IncomingMessage,
  policy: LocalRequestPolicy,
): string | undefined {
  const host = req.headers.host ?? '';
  const hostName = host.replace(/:\d+$/, '');
  if (!LOOPBACK_HOST.test(host) && !(policy.extraHosts ?? []).includes(hostName)) {
    return `Host "${host}" is not a loopback name (DNS rebinding is refused)`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!policy.allowOrigin(origin)) return `Origin "${origin}" is not allowed`;
    return undefined;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none' && site !== 'same-origin') {
    return `a ${String(site)} browser request without an Origin is not allowed`;
  }
  return undefined;
}
