import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamRelay {
  /** `http://127.0.0.1:<port>`: the same paths as the target. */
  url: string;
  close(): Promise<void>;
}

/**
 * A pass-through between the example's server and the mock that counts the upstream requests
 * still open, so a test can see that Stop in the browser ended the upstream request too (not
 * only the browser's). `GET /__relay/in-flight` answers that count. Only the example's server
 * may call it: any other `Host`, and any browser request (`Origin`, `Sec-Fetch-Site`), is refused.
 */
export async function startUpstreamRelay(target: string): Promise<UpstreamRelay> {
  const targetUrl = new URL(target);
  let inFlight = 0;
  let ownHost = '';
  const server = createServer((req, res) => {
    if (req.headers.host !== ownHost || req.headers.origin || req.headers['sec-fetch-site']) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Refused: not from this machine');
      return;
    }
    if (req.url === '/__relay/in-flight') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(inFlight));
      return;
    }
    inFlight += 1;
    // Closed means done either way: answered in full, or the caller went away mid-answer.
    res.once('close', () => {
      inFlight -= 1;
      upstream.destroy();
    });
    const upstream = httpRequest(
      new URL(req.url ?? '/', targetUrl),
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
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
