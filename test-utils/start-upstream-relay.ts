import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request relayed to the target, as the relay saw it. */
export interface RelayedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** `performance.now()` when it arrived. */
  startedAt: number;
  /** `performance.now()` when its connection closed; undefined while it is open. */
  closedAt?: number;
  /** Whether the whole answer went out before the close (false: the caller went away first). */
  finished?: boolean;
}

export interface UpstreamRelay {
  /** `http://127.0.0.1:<port>`: the same paths as the target. */
  url: string;
  /** Every request relayed so far, oldest first. */
  requests: readonly RelayedRequest[];
  close(): Promise<void>;
}

/**
 * A pass-through between a server under test (the Next.js example, a runtime serving the route
 * handler) and the mock, which keeps each upstream request with when it closed and whether its
 * answer was finished, so a test can see that a browser leaving ended the upstream request too
 * (not only the browser's). `GET /__relay/in-flight` answers the count still open. Only the
 * server under test may call it: any other `Host`, and any browser request (`Origin`,
 * `Sec-Fetch-Site`), is refused.
 */
export async function startUpstreamRelay(target: string): Promise<UpstreamRelay> {
  const targetUrl = new URL(target);
  const requests: RelayedRequest[] = [];
  let ownHost = '';
  const server = createServer((req, res) => {
    if (req.headers.host !== ownHost || req.headers.origin || req.headers['sec-fetch-site']) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Refused: not from this machine');
      return;
    }
    if (req.url === '/__relay/in-flight') {
      const inFlight = requests.filter((r) => r.closedAt === undefined).length;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(inFlight));
      return;
    }
    const entry: RelayedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      startedAt: performance.now(),
    };
    requests.push(entry);
    // Closed means done either way: answered in full, or the caller went away mid-answer.
    res.once('close', () => {
      entry.closedAt = performance.now();
      entry.finished = res.writableFinished;
      upstream.destroy();
    });
    const upstream = httpRequest(
      new URL(entry.path, targetUrl),
      { method: req.method, headers: { ...req.headers, host: targetUrl.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ownHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${ownHost}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
