import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  /** The connection closed before the whole answer was written: the caller aborted. */
  aborted: boolean;
  /** Resolves when the request's connection has closed, whichever way. */
  readonly closed: Promise<void>;
}

export interface SlowImageUpstream {
  /** The base URL (`…/v1`) to give the route handler. */
  readonly url: string;
  readonly requests: UpstreamRequest[];
  /** Lets every answer go on past half its image (each waits there until then). */
  release(): void;
  close(): Promise<void>;
}

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'gen-slow-1',
    object: 'chat.completion.chunk',
    created: 1764926649,
    model: 'google/gemini-2.5-flash-image',
    choices: [{ index: 0, delta: { role: 'assistant', ...delta }, ...extra }],
  });

/**
 * A chat upstream streaming one PNG slowly: a keep-alive, a caption (`caption`), then the image's
 * data line in pieces with pauses, stopping half way until `release()`, then the finish chunk, an
 * `errorEvent` when given (a provider echoing something in-band) and `[DONE]`. Records every
 * request and whether its connection was closed before the answer ended.
 */
export async function startSlowImageUpstream(options: {
  image: Uint8Array;
  caption: string;
  errorEvent?: unknown;
  pieceBytes?: number;
  pauseMs?: number;
}): Promise<SlowImageUpstream> {
  const { pieceBytes = 32 * 1024, pauseMs = 2 } = options;
  const base64 = Buffer.from(options.image).toString('base64');
  const requests: UpstreamRequest[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const pause = () => new Promise((resolve) => setTimeout(resolve, pauseMs));
  const server = createServer(async (req, res) => {
    for await (const _ of req) {
      // the generation's body is not needed
    }
    let closed!: () => void;
    const request: UpstreamRequest = {
      path: req.url ?? '',
      authorization: req.headers.authorization,
      aborted: false,
      closed: new Promise((resolve) => {
        closed = resolve;
      }),
    };
    requests.push(request);
    res.on('close', () => {
      if (!res.writableFinished) request.aborted = true;
      closed();
    });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': OPENROUTER PROCESSING\n\n');
    res.write(`data: ${chunk({ content: options.caption })}\n\n`);
    const head = chunk({
      content: '',
      images: [{ type: 'image_url', image_url: { url: '\0' }, index: 0 }],
    });
    const [before, after] = head.split('\\u0000') as [string, string];
    res.write(`data: ${before}data:image/png;base64,`);
    const half = Math.floor(base64.length / 2 / 4) * 4;
    for (let at = 0; at < base64.length && !res.destroyed; at += pieceBytes) {
      if (at <= half && at + pieceBytes > half) await released;
      res.write(base64.slice(at, at + pieceBytes));
      await pause();
    }
    if (res.destroyed) return;
    res.write(`${after}\n\n`);
    res.write(`data: ${chunk({ content: '' }, { finish_reason: 'stop' })}\n\n`);
    if (options.errorEvent) res.write(`data: ${JSON.stringify(options.errorEvent)}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    release: () => release(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
