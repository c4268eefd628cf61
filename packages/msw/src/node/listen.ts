import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockOptionsError } from '../errors/mock-options-error';
import { PortInUseError } from '../errors/port-in-use-error';

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

/** Largest request body read (reference images included). */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/** The whole body of an incoming request, or a MockOptionsError past `maxBytes`. */
export async function readBody(
  req: IncomingMessage,
  maxBytes = MAX_REQUEST_BYTES,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let received = 0;
  for await (const part of req) {
    received += (part as Buffer).byteLength;
    if (received > maxBytes) {
      req.destroy();
      throw new MockOptionsError('request body', `larger than ${maxBytes} bytes; refused`);
    }
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}
