import { access } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ResponseTooLargeError } from '@lunos-image/core';
import { matchRoute, readLimitedBody } from '@lunos-image/core/internal';
import { MockOptionsError } from '../errors/mock-options-error';
import { RequestTooLargeError } from '../errors/request-too-large-error';
import { UpstreamBodyTooLargeError } from '../errors/upstream-body-too-large-error';
import type { FixtureBody } from '../fixture/fixture-schema';
import { requestRoute } from '../handlers/request-route';
import { listen, readBody, refuseTooLarge } from './listen';
import { refuseForeignRequest } from './local-request-guard';
import { type RecordedExchange, recordedFixture, recordedFixtureId } from './recorded-fixture';
import { createRedactor, redactAcrossDeltas } from './redact-recording';
import { SseBlockRecorder } from './sse-block-recorder';
import { writeFixture } from './write-fixture';
import { resetConnection } from './write-response';

export interface RecorderOptions {
  /** Where requests go, e.g. `https://openrouter.ai` or `https://api.lunos.tech`; the path is kept. */
  upstream: string;
  /** Folder the fixtures (and `blobs/`) are written to. */
  out: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /**
   * Sent as `Authorization: Bearer` when the client sends none (so the client needs no key); only
   * on requests that pass the origin and host checks.
   */
  apiKey?: string;
  /**
   * Web origins allowed to call the recorder. Default none: only non-browser clients (no
   * `Origin`) on a loopback `Host`, since any page could otherwise spend the key.
   */
  allowedOrigins?: readonly string[];
  /** Largest upstream answer recorded, in decoded bytes. Default 128 MiB. */
  maxResponseBytes?: number;
  /** More values that must never be written. */
  secrets?: readonly string[];
  /** Fixture ids start with this folder. Default `recorded`. */
  prefix?: string;
  /** schema.json, referenced from each written file. */
  schemaFile?: string;
  /** Called for every fixture written, and for every recording refused or failed. */
  onWrite?: (path: string) => void;
  onError?: (error: unknown) => void;
}

export interface Recorder {
  readonly url: string;
  readonly port: number;
  /** Paths written so far. */
  readonly written: readonly string[];
  /** Resolves when every recording in flight has been written (or refused). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_RECORD_MAX_BYTES = 128 * 1024 * 1024;
/**
 * What the recorder reads of an error answer, or of one that is neither JSON nor SSE: the API's
 * are a few hundred bytes, and such an answer is known before its body, so a huge one (a 300 MB
 * error page, a gzip bomb behind a 500) is never held.
 */
export const MAX_UNEXPECTED_BODY_BYTES = 1024 * 1024;

const hopByHop = new Set([
  'host',
  'connection',
  'content-length',
  'accept-encoding',
  'transfer-encoding',
  'keep-alive',
]);

const isSseType = (type: string) => /^text\/event-stream\b/i.test(type);
const isJsonType = (type: string) => /^application\/(?:[\w.-]+\+)?json\b/i.test(type);

/** A JSON body as the fixture keeps it (leading white space as `prefix`); undefined if not JSON. */
function jsonBody(text: string): FixtureBody | undefined {
  const start = text.search(/\S/);
  try {
    return {
      kind: 'json',
      json: JSON.parse(text) as unknown,
      ...(start > 0 ? { prefix: text.slice(0, start) } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * A recording proxy: forwards each request to `upstream`, streams the answer back as it comes,
 * and writes what went by as a fixture: SSE events with their timing, images as blob files, only
 * allow-listed headers, the key and ids replaced by placeholders. A recording that still looks
 * like it holds a secret is refused (`onError` gets a SecretLeakError) and nothing is written.
 */
export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  let upstream: URL;
  try {
    upstream = new URL(options.upstream);
  } catch (error) {
    throw new MockOptionsError('upstream', `not a URL: ${options.upstream}`, { cause: error });
  }
  const written: string[] = [];
  const pending = new Set<Promise<void>>();
  const taken = new Set<string>();
  const prefix = options.prefix ?? 'recorded';

  async function freeId(base: string): Promise<string> {
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      const exists = await access(join(options.out, `${id}.json`)).then(
        () => true,
        () => false,
      );
      if (!exists && !taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
  }

  const allowed = new Set(options.allowedOrigins ?? []);
  const bindHost = options.host ?? '127.0.0.1';
  const policy = {
    allowOrigin: (o: string) => allowed.has(o),
    extraHosts: bindHost === '0.0.0.0' || bindHost === '::' ? [] : [bindHost],
  };

  const server = createServer(async (req, res) => {
    // Refused before anything is read or forwarded: the key is attached only past this point.
    const refused = refuseForeignRequest(req, policy);
    if (refused) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 403, message: `Refused: ${refused}` } }));
      return;
    }
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://recorder');
    const target = new URL(upstream.href.replace(/\/$/, '') + url.pathname + url.search);
    let body: Buffer | undefined;
    try {
      body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
    } catch (error) {
      options.onError?.(error);
      if (error instanceof RequestTooLargeError) refuseTooLarge(req, res, error);
      else res.destroy();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !hopByHop.has(name))
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    if (!headers.has('authorization') && options.apiKey)
      headers.set('authorization', `Bearer ${options.apiKey}`);
    headers.set('accept-encoding', 'identity');
    const bearer = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '')?.[1];
    const secrets = [bearer, options.apiKey, ...(options.secrets ?? [])].filter(
      (s): s is string => !!s,
    );

    let upstreamResponse: Response;
    try {
      upstreamResponse = await fetch(target, {
        method: req.method,
        headers,
        body: body && body.byteLength > 0 ? new Uint8Array(body) : undefined,
        redirect: 'manual',
      });
    } catch (error) {
      options.onError?.(error);
      resetConnection(req);
      return;
    }
    const headersAfterMs = Math.round(performance.now() - started);
    const outHeaders: Record<string, string> = {};
    upstreamResponse.headers.forEach((value, name) => {
      // The upstream's CORS headers (often `*`) would open the recorder to every page.
      if (
        name !== 'content-length' &&
        name !== 'content-encoding' &&
        name !== 'transfer-encoding' &&
        !name.startsWith('access-control-')
      )
        outHeaders[name] = value;
    });
    if (req.headers.origin) {
      outHeaders['access-control-allow-origin'] = req.headers.origin;
      outHeaders.vary = 'origin';
    }

    const contentType = upstreamResponse.headers.get('content-type') ?? '';
    const isSse = isSseType(contentType);
    const relayed =
      upstreamResponse.status >= 400 || !(isSse || isJsonType(contentType))
        ? await relayUnexpected(req, res, upstreamResponse, outHeaders)
        : await relayStream(req, res, upstreamResponse, outHeaders, isSse);
    const route = requestRoute(req.method ?? 'GET', url.pathname);
    if (!relayed || !route) return;

    const job = (async () => {
      const redact = createRedactor(secrets);
      const exchange: RecordedExchange = {
        route,
        method: req.method === 'GET' ? 'GET' : 'POST',
        url,
        requestHeaders: headers,
        requestBody: body,
        status: upstreamResponse.status,
        responseHeaders: upstreamResponse.headers,
        headersAfterMs,
        body: relayed,
      };
      if (relayed.kind === 'sse') redactAcrossDeltas(relayed.events, secrets);
      const dialect = /\/api\/v1\//.test(url.pathname) ? 'openrouter' : 'lunos';
      const params = matchRoute(url.pathname)?.params ?? {};
      const id = await freeId(`${prefix}/${recordedFixtureId(exchange, dialect, params)}`);
      const fixture = redact(recordedFixture(exchange, id, dialect, upstream.origin));
      const path = await writeFixture(options.out, fixture, {
        secrets,
        schemaFile: options.schemaFile,
      });
      written.push(path);
      options.onWrite?.(path);
    })().catch((error: unknown) => options.onError?.(error));
    pending.add(job);
    void job.finally(() => pending.delete(job));
  });

  /**
   * An error status, or a body that is neither JSON nor SSE: known before the body, so at most
   * {@link MAX_UNEXPECTED_BODY_BYTES} of it are read. Within that, it is relayed as it came and
   * recorded; past it the rest is cancelled (the upstream connection closes), the client gets the
   * error status (502 for any other) in the API's error shape saying so, and nothing is recorded.
   */
  async function relayUnexpected(
    req: IncomingMessage,
    res: ServerResponse,
    upstreamResponse: Response,
    outHeaders: Record<string, string>,
  ): Promise<FixtureBody | undefined> {
    const { status } = upstreamResponse;
    const read = await readLimitedBody(upstreamResponse.body, MAX_UNEXPECTED_BODY_BYTES).catch(
      (error: unknown) => {
        options.onError?.(error);
        resetConnection(req);
        return undefined;
      },
    );
    if (!read) return undefined;
    if ('tooLarge' in read) {
      const contentType = upstreamResponse.headers.get('content-type') ?? '';
      const error = new UpstreamBodyTooLargeError(status, contentType, MAX_UNEXPECTED_BODY_BYTES);
      options.onError?.(error);
      // An error keeps its status (the client's error class depends on it); any other answer
      // the recorder cannot relay is a bad gateway.
      const relayStatus = status >= 400 ? status : 502;
      const { 'content-type': _, ...rest } = outHeaders;
      res.writeHead(relayStatus, {
        ...rest,
        'content-type': 'application/json',
        connection: 'close',
      });
      res.end(JSON.stringify({ error: { code: relayStatus, message: error.message } }));
      return undefined;
    }
    res.writeHead(status, outHeaders);
    res.end(read.bytes);
    const text = new TextDecoder().decode(read.bytes);
    return isJsonType(upstreamResponse.headers.get('content-type') ?? '')
      ? (jsonBody(text) ?? { kind: 'text', text })
      : { kind: 'text', text };
  }

  /**
   * A JSON or SSE answer: streamed through as it comes (the client sees every event when the
   * upstream sends it) while the recorder keeps each SSE event with its timing, up to
   * `maxResponseBytes`; past that the upstream is cancelled, the client's connection reset and
   * nothing recorded.
   */
  async function relayStream(
    req: IncomingMessage,
    res: ServerResponse,
    upstreamResponse: Response,
    outHeaders: Record<string, string>,
    isSse: boolean,
  ): Promise<FixtureBody | undefined> {
    res.writeHead(upstreamResponse.status, outHeaders);
    res.flushHeaders();
    const sse = new SseBlockRecorder();
    const decoder = new TextDecoder();
    let text = '';
    let end: 'close' | 'drop' = 'close';
    const t0 = performance.now();
    if (upstreamResponse.body) {
      const reader = upstreamResponse.body.getReader();
      try {
        let received = 0;
        const maxBytes = options.maxResponseBytes ?? DEFAULT_RECORD_MAX_BYTES;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value.byteLength;
          // Held in memory until written: an endless or inflating upstream stops here.
          if (received > maxBytes) {
            const error = new ResponseTooLargeError({
              limit: 'maxResponseBytes',
              max: maxBytes,
              received,
            });
            await reader.cancel(error).catch(() => {});
            options.onError?.(error);
            resetConnection(req);
            return undefined;
          }
          res.write(value);
          const piece = decoder.decode(value, { stream: true });
          if (isSse) sse.push(piece, performance.now() - t0);
          else text += piece;
        }
        res.end();
      } catch {
        end = 'drop';
        resetConnection(req);
      }
    } else {
      res.end();
    }
    const tail = decoder.decode();
    if (isSse) {
      sse.push(tail, performance.now() - t0);
      sse.finish(performance.now() - t0);
      return { kind: 'sse', lineEnding: sse.lineEnding, events: sse.events, end };
    }
    text += tail;
    return jsonBody(text) ?? { kind: 'text', text };
  }

  const bound = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url: bound.url,
    port: bound.port,
    written,
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: bound.close,
  };
}
