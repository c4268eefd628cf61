import { access } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { ResponseTooLargeError } from '@lunos-image/core';
import { MockOptionsError } from '../errors/mock-options-error';
import { RequestTooLargeError } from '../errors/request-too-large-error';
import { DEFAULT_MATCH_FIELDS, type FixtureInput } from '../fixture/fixture-schema';
import { listen, readBody, refuseTooLarge } from './listen';
import { refuseForeignRequest } from './local-request-guard';
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

const requestHeaderAllowList = ['content-type', 'accept', 'x-title', 'http-referer', 'x-app-id'];
const responseHeaderAllowList =
  /^(content-type|cache-control|retry-after|x-generation-id|x-ratelimit-[a-z-]+)$/;
const hopByHop = new Set([
  'host',
  'connection',
  'content-length',
  'accept-encoding',
  'transfer-encoding',
  'keep-alive',
]);

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .split('-')
      .slice(0, 6)
      .join('-') || 'request'
  );
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
    res.writeHead(upstreamResponse.status, outHeaders);
    res.flushHeaders();

    const isSse = (upstreamResponse.headers.get('content-type') ?? '').includes(
      'text/event-stream',
    );
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
            return;
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
    } else {
      text += tail;
    }

    const isChat = url.pathname.endsWith('/chat/completions');
    if (!isChat && !url.pathname.endsWith('/models')) return;
    const job = (async () => {
      const redact = createRedactor(secrets);
      let requestBody: unknown;
      try {
        requestBody = body && body.byteLength > 0 ? JSON.parse(body.toString('utf8')) : undefined;
      } catch {
        requestBody = body?.toString('utf8');
      }
      const prompt = (
        requestBody as { messages?: { content?: unknown }[] } | undefined
      )?.messages?.at(-1)?.content;
      const promptText =
        typeof prompt === 'string'
          ? prompt
          : Array.isArray(prompt)
            ? String(prompt.find((p) => p?.type === 'text')?.text ?? '')
            : '';
      const dialect = /\/api\/v1\//.test(url.pathname) ? 'openrouter' : 'lunos';
      const id = await freeId(`${prefix}/${isChat ? slug(promptText) : `models-${dialect}`}`);
      let responseBody: FixtureInput['response']['body'];
      if (isSse) {
        redactAcrossDeltas(sse.events, secrets);
        responseBody = { kind: 'sse', lineEnding: sse.lineEnding, events: sse.events, end };
      } else {
        const start = text.search(/\S/);
        try {
          const json: unknown = JSON.parse(text);
          responseBody = {
            kind: 'json',
            json,
            ...(start > 0 ? { prefix: text.slice(0, start) } : {}),
          };
        } catch {
          responseBody = { kind: 'text', text };
        }
      }
      const pick = (h: Headers, keep: (name: string) => boolean) => {
        const out: Record<string, string> = {};
        h.forEach((value, name) => {
          if (keep(name)) out[name] = value;
        });
        return out;
      };
      const query = Object.fromEntries(url.searchParams);
      const fixture: FixtureInput = redact({
        version: 1,
        id,
        description: `Recorded from ${upstream.origin}`,
        source: 'recorded',
        dialect,
        recordedAt: new Date().toISOString(),
        request: {
          method: req.method === 'GET' ? 'GET' : 'POST',
          path: url.pathname,
          ...(Object.keys(query).length > 0 ? { query } : {}),
          headers: pick(headers, (n) => requestHeaderAllowList.includes(n)),
          ...(requestBody === undefined ? {} : { body: requestBody }),
          match: { on: isChat ? [...DEFAULT_MATCH_FIELDS] : [] },
        },
        response: {
          status: upstreamResponse.status,
          headers: pick(upstreamResponse.headers, (n) => responseHeaderAllowList.test(n)),
          headersAfterMs,
          body: responseBody,
        },
      });
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
