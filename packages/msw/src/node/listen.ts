import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockOptionsError } from '../errors/mock-options-error';
import { PortInUseError } from '../errors/port-in-use-error';
import { RequestTooLargeError } from '../errors/request-too-large-error';
import { MAX_REQUEST_BYTES } from '../util/read-request-text';

/** Starts `server` on host:port (0 = any free port); resolves with its URL and a closer. */
export async function listen(
  server: Server,
  port: number,
  host: string,
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(port, host, { cause: error })
          : new MockOptionsError('port', `cannot listen on ${host}:${port}`, { cause: error }),
      ),
    );
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Streams in flight (a stalled replay, an SSE client) would keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

/**
 * The whole body of an incoming request, or a RequestTooLargeError past `maxBytes`: reading stops
 * there (nothing more is held) and the caller answers with `refuseTooLarge`.
 */
export async function readBody(
  req: IncomingMessage,
  maxBytes = MAX_REQUEST_BYTES,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let received = 0;
  for await (const part of req) {
    received += (part as Buffer).byteLength;
    if (received > maxBytes) throw new RequestTooLargeError(maxBytes);
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

/**
 * Answers 413 in the API's error shape and closes the connection once the answer is out: the
 * rest of the body is never read, and a client still sending gets the status, not a bare reset.
 */
export function refuseTooLarge(
  req: IncomingMessage,
  res: ServerResponse,
  error: RequestTooLargeError,
  headers: Record<string, string> = {},
): void {
  res.writeHead(413, { ...headers, 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ error: { code: 413, message: error.message } }), () => req.destroy());
}
