import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  readonly url: string;
  /** Every request, in order: which target served it. */
  readonly served: { method: string; path: string; target: string }[];
  /** Takes a target out of the rotation (an instance that died). */
  drop(target: string): void;
  close(): Promise<void>;
}

/**
 * A load balancer as small as it gets: each request goes to the next target in turn, request
 * and answer piped as they come; a client that goes away closes the request to the target.
 */
export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  const live = [...targets];
  const served: RoundRobinProxy['served'] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const target = live[next++ % live.length] as string;
    served.push({ method: req.method ?? 'GET', path: req.url ?? '/', target });
    const { hostname, port } = new URL(target);
    const out = httpRequest(
      { hostname, port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    drop(target) {
      live.splice(live.indexOf(target), 1);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
