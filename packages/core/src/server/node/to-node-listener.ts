import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LunosImageHandler } from '../create-lunos-image-handler';

/** A `node:http` request listener that is also Express / Connect middleware. */
export type NodeListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * The request body as a Web stream that reads from the socket only as fast as the handler does
 * (the handler counts bytes against its limit as they come; nothing is read ahead). A body that
 * a body parser already consumed (Express `express.json()` mounted first) is taken from `req.body`.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  if (req.readableEnded) {
    const parsed = (req as IncomingMessage & { body?: unknown }).body;
    if (parsed === undefined) return undefined;
    const bytes =
      parsed instanceof Uint8Array
        ? parsed
        : new TextEncoder().encode(typeof parsed === 'string' ? parsed : JSON.stringify(parsed));
    return new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  }
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk: Uint8Array) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => controller.close());
        req.once('error', (error) => controller.error(error));
      },
      pull() {
        req.resume();
      },
      cancel() {
        // The handler stopped reading (too large): drop the rest as it arrives, unbuffered.
        req.removeAllListeners('data');
        req.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers
    try {
      headers.append(name, raw[i + 1]!);
    } catch {
      // A header the Fetch API refuses is not one the handler reads.
    }
  }
  return headers;
}

function waitForDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      res.off('drain', finish);
      res.off('close', finish);
      resolve();
    };
    res.on('drain', finish);
    res.on('close', finish);
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const setCookies = response.headers.getSetCookie();
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  // Status and headers go out now: an SSE client learns the answer started before the first event.
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const onClose = () => {
    if (!res.writableFinished) reader.cancel(new Error('The client went away')).catch(() => {});
  };
  res.on('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      // Wait for the socket rather than queue: this is what keeps memory flat for any image size.
      if (!res.write(value)) await waitForDrainOrClose(res);
    }
    res.end();
  } catch {
    // The upstream broke mid-answer: end the connection so the client sees a cut stream.
    res.destroy();
  } finally {
    res.off('close', onClose);
  }
}

/**
 * Mounts a Web-standard handler on `node:http`, Express or Connect:
 * `createServer(toNodeListener(handler))` or `app.use('/api/lunos', toNodeListener(handler))`.
 * The request's signal aborts when the client disconnects before the answer is complete, which
 * the handler turns into an abort of the upstream request.
 */
export function toNodeListener(handler: LunosImageHandler): NodeListener {
  return (req, res, next) => {
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort(new Error('The client went away'));
    });
    const run = async () => {
      const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
      const host = req.headers.host ?? 'localhost';
      const path =
        (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
      let url: URL;
      try {
        url = new URL(path, `${encrypted ? 'https' : 'http'}://${host}`);
      } catch {
        url = new URL(path.startsWith('/') ? path : '/', 'http://localhost');
      }
      const body = bodyOf(req);
      const request = new Request(url, {
        method: req.method ?? 'GET',
        headers: headersOf(req),
        signal: abort.signal,
        ...(body && { body, duplex: 'half' }),
      } as RequestInit);
      const response = await handler(request);
      await writeResponse(res, response);
    };
    run().catch((error: unknown) => {
      if (next) {
        next(error);
        return;
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: { code: 500, message: 'Internal server error' } }));
    });
  };
}
