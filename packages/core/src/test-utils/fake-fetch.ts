/** Test doubles for the client: responses with controllable bodies, and a fetch that records. */

const encoder = new TextEncoder();

export interface ControlledBody {
  stream: ReadableStream<Uint8Array>;
  push(chunk: string | Uint8Array): void;
  close(): void;
  error(reason?: unknown): void;
  /** Resolves when the reader cancels the body (the client aborted or stopped reading). */
  cancelled: Promise<unknown>;
}

/** A body the test writes to, read by read. */
export function controlledBody(): ControlledBody {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let onCancel!: (reason: unknown) => void;
  const cancelled = new Promise<unknown>((resolve) => {
    onCancel = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel(reason) {
      onCancel(reason);
    },
  });
  return {
    stream,
    cancelled,
    push: (chunk) => controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk),
    close: () => controller.close(),
    error: (reason = new TypeError('terminated')) => controller.error(reason),
  };
}

/** A body delivering `chunks` one per read, then closing (or failing with `errorAtEnd`). */
export function chunkedBody(chunks: readonly (string | Uint8Array)[], errorAtEnd?: unknown) {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk !== undefined) {
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      } else if (errorAtEnd !== undefined) controller.error(errorAtEnd);
      else controller.close();
    },
  });
}

export function sseResponse(
  body: ReadableStream<Uint8Array> | string,
  headers: Record<string, string> = {},
) {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream', ...headers },
  });
}

export function jsonResponse(json: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(typeof json === 'string' ? json : JSON.stringify(json), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

export type FakeFetch = typeof fetch & { calls: RecordedCall[] };

/** A fetch answering each call with `respond(call, n)`; rejects like fetch when the signal aborts. */
export function fakeFetch(
  respond: (call: RecordedCall, n: number) => Response | Promise<Response>,
): FakeFetch {
  const calls: RecordedCall[] = [];
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: RecordedCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    const signal = init.signal;
    if (signal?.aborted) throw signal.reason;
    const response = respond(call, calls.length - 1);
    if (!signal) return response;
    return await new Promise<Response>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      Promise.resolve(response).then(resolve, reject);
    });
  }) as FakeFetch;
  fn.calls = calls;
  return fn;
}

/** `data: <json>\n\n` */
export const sseData = (json: unknown) =>
  `data: ${typeof json === 'string' ? json : JSON.stringify(json)}\n\n`;
