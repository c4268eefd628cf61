import type { RouteMethod } from '../routes/route-table';
import { browserLeftSignal } from './browser-left-signal';
import type { SpendTicket } from './limits/spend-ticket';
import { watchBodyUsage } from './limits/watch-body-usage';
import { refuse } from './refuse';
import { relayBody } from './relay-body';
import { relaySse } from './relay-sse';
import { relayUpstreamError } from './relay-upstream-error';
import { scrubEventData } from './scrub-sse-lines';

/** Upstream headers a browser may see; everything else (cookies, server details) stays behind. */
const RELAYED_HEADERS = [
  'content-type',
  'retry-after',
  'retry-after-ms',
  'x-generation-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

/** One request to the upstream, as a route makes it. */
export interface UpstreamCall {
  method: RouteMethod;
  /** Below the upstream's base URL, with its query. */
  path: string;
  accept: 'application/json' | 'text/event-stream';
  /** JSON, written by the handler from what it checked. */
  body?: string;
}

/** A route's own answer to an upstream success (a filtered list); `headers`: what may be relayed. */
export type ReadUpstream = (
  upstream: Response,
  headers: Record<string, string>,
) => Promise<Response>;

/** What the upstream answered: a success to read, or the answer the browser gets instead. */
export type UpstreamOpening =
  | { upstream: Response; headers: Record<string, string> }
  | { refusal: Response };

export interface UpstreamRelay {
  /**
   * Sends `call` with the server's key and answers with what came back: a success relayed as it
   * arrives (or answered by `read`), an error scrubbed (`relayUpstreamError`), 499 when the
   * browser left first, 502 when the upstream could not be reached. With `spend`, the answer's
   * `usage.cost` is read from the lines the relay checks anyway (never an image again) and the
   * reservation settled when the answer is over: unbilled on an error before any body, stopped
   * when the browser left, ended otherwise.
   */
  send(
    request: Request,
    call: UpstreamCall,
    read?: ReadUpstream,
    spend?: SpendTicket,
  ): Promise<Response>;
  /**
   * Sends `call` with the server's key, aborted by `signal` only (a job's runner, which the
   * browser leaving does not stop): a success with the headers that may be relayed, or the
   * answer `send` would give instead (the error scrubbed, 499 when aborted, 502 unreachable).
   */
  open(call: UpstreamCall, signal: AbortSignal): Promise<UpstreamOpening>;
  /** An SSE event's data (its lines joined with LF) as `send` relays its lines: no piece of the key. */
  scrubEventData(data: string): string;
}

export interface UpstreamRelayOptions {
  baseURL: string;
  /** The handler answers 500 before sending anything when there is none. */
  apiKey: string | undefined;
  /** The dialect's attribution headers. */
  attribution: Record<string, string>;
  fetch: typeof fetch;
  heartbeatMs: number;
}

/**
 * The handler's one way to the upstream. Each call has an abort of its own, fired when the
 * browser leaves before the answer is over (its request's signal while the upstream has not
 * answered, the cancel of the relayed body after) and never once it is: a runtime that aborts
 * `request.signal` after a successful answer (Deno's legacy mode) aborts nothing.
 */
export function upstreamRelay(options: UpstreamRelayOptions): UpstreamRelay {
  // Called as a plain function: workerd and browsers refuse a `fetch` called on another object.
  const { baseURL, attribution, heartbeatMs, fetch: fetchUpstream } = options;
  const apiKey = options.apiKey ?? '';

  function relayedHeaders(upstream: Response): Record<string, string> {
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    for (const name of RELAYED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null && (!apiKey || !value.includes(apiKey))) headers[name] = value;
    }
    return headers;
  }

  /** A success streamed through as it comes; SSE line by line (`relaySse`), the rest untouched. */
  function passThrough(
    upstream: Response,
    headers: Record<string, string>,
    abort: AbortController,
    over: () => void,
    spend: SpendTicket | undefined,
  ): Response {
    const sse = headers['content-type']?.includes('text/event-stream') === true;
    // Reverse proxies (nginx and friends) buffer unless told not to; an SSE answer must not wait.
    if (sse) headers['x-accel-buffering'] = 'no';
    const json = spend && !sse ? watchBodyUsage(spend) : undefined;
    // A cancel comes before its end: the first of the two settles.
    const done = () => {
      over();
      json?.end();
      void spend?.end('ended');
    };
    if (!upstream.body) {
      done();
      return new Response(null, { status: upstream.status, headers });
    }
    const onCancel = (reason: unknown) => {
      void spend?.end('stopped');
      abort.abort(reason);
    };
    const watcher = spend && {
      lines: (text: string) => spend.seeDataLines(text),
      tail: (text: string) => spend.seeText(text),
    };
    const body = sse
      ? relaySse(upstream.body, { apiKey, heartbeatMs, onCancel, onEnd: done, watcher })
      : relayBody(upstream.body, onCancel, done, json?.push);
    return new Response(body, { status: upstream.status, headers });
  }

  async function open(call: UpstreamCall, signal: AbortSignal): Promise<UpstreamOpening> {
    let upstream: Response;
    try {
      upstream = await fetchUpstream(`${baseURL}${call.path}`, {
        method: call.method,
        headers: {
          ...(call.body !== undefined && { 'content-type': 'application/json' }),
          accept: call.accept,
          ...attribution,
          authorization: `Bearer ${apiKey}`,
        },
        ...(call.body !== undefined && { body: call.body }),
        signal,
      });
    } catch {
      // The error itself is not relayed: a transport error can name hosts and headers.
      return {
        refusal: signal.aborted
          ? refuse(499, 'client_closed_request', 'The request was aborted')
          : refuse(502, 'upstream_unreachable', 'The provider could not be reached'),
      };
    }
    const headers = relayedHeaders(upstream);
    if (!upstream.ok) return { refusal: await relayUpstreamError(upstream, apiKey, headers) };
    return { upstream, headers };
  }

  return {
    open,
    scrubEventData: (data) => scrubEventData(data, apiKey),
    async send(request, call, read, spend) {
      const abort = new AbortController();
      const left = browserLeftSignal(request);
      let over = false;
      const onLeft = () => {
        if (!over) abort.abort(left?.reason);
      };
      const done = () => {
        over = true;
        left?.removeEventListener('abort', onLeft);
      };
      if (left?.aborted) onLeft();
      else left?.addEventListener('abort', onLeft, { once: true });
      const opened = await open(call, abort.signal);
      if ('refusal' in opened) {
        done();
        void spend?.end('unbilled');
        return opened.refusal;
      }
      const { upstream, headers } = opened;
      if (!read) return passThrough(upstream, headers, abort, done, spend);
      try {
        return await read(upstream, headers);
      } catch (error) {
        abort.abort();
        throw error;
      } finally {
        done();
      }
    },
  };
}
