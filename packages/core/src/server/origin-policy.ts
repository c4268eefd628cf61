/** Who may call the handler from a browser page, and the CORS headers that tell the browser so. */
export interface OriginPolicy {
  /** A page of another site that `allowOrigins` does not name: refused before anything else. */
  isForeign(request: Request): boolean;
  /** CORS headers for an allowed foreign origin; none for a same-origin call. */
  corsHeaders(request: Request): Record<string, string>;
  /**
   * The answer to a CORS preflight (`OPTIONS`) from an allowed origin, allowing `methods`; undefined
   * when the request is no such preflight.
   */
  preflight(request: Request, methods: readonly string[]): Response | undefined;
}

/**
 * Same origin only, unless `allowOrigins` names other sites' origins (`https://app.example`):
 * those get CORS, every other site's page is refused.
 */
export function originPolicy(allowOrigins: readonly string[] = []): OriginPolicy {
  const allowed = new Set(allowOrigins);
  const allowedOrigin = (request: Request) => {
    const origin = request.headers.get('origin');
    return origin !== null && allowed.has(origin) ? origin : undefined;
  };
  return {
    isForeign(request) {
      const origin = request.headers.get('origin');
      if (origin === null || allowed.has(origin)) return false;
      try {
        // The host, not the scheme: behind a TLS-terminating proxy the app sees http://.
        const { host, protocol } = new URL(origin);
        return !hostsAddressed(request, protocol).includes(host);
      } catch {
        return true; // `Origin: null` (sandboxed frames, file://) is foreign too
      }
    },
    corsHeaders(request): Record<string, string> {
      const origin = allowedOrigin(request);
      if (origin === undefined) return {};
      return {
        'access-control-allow-origin': origin,
        'access-control-expose-headers':
          'retry-after, retry-after-ms, x-generation-id, x-lunos-job-id, x-lunos-budget-remaining, x-lunos-cache',
        vary: 'origin',
      };
    },
    preflight(request, methods) {
      if (request.method !== 'OPTIONS' || allowedOrigin(request) === undefined) return undefined;
      const asked = request.headers.get('access-control-request-headers') ?? '';
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-methods': methods.join(', '),
          'access-control-allow-headers': asked.slice(0, 1000) || 'content-type',
          'access-control-max-age': '600',
        },
      });
    },
  };
}

/**
 * The hosts a request was sent to: its URL's, its `Host` header's and the first
 * `X-Forwarded-Host` (a proxy's public name). The URL alone is not enough: Next.js's `next start`
 * hands route handlers `http://localhost:<port>/…` whatever host the browser asked for. A page of
 * another site cannot set these headers without a preflight, which this handler refuses.
 * Read with the origin's scheme, so a default port (`:443`) compares equal to none.
 */
function hostsAddressed(request: Request, protocol: string): string[] {
  const hosts = [new URL(request.url).host];
  const named = [
    request.headers.get('host'),
    request.headers.get('x-forwarded-host')?.split(',')[0]?.trim(),
  ];
  for (const host of named) {
    if (!host) continue;
    try {
      hosts.push(new URL(`${protocol}//${host}`).host);
    } catch {
      // not a host: it names nothing this request could be same-origin with
    }
  }
  return hosts;
}
