import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { AuthenticationError, BadRequestError, InternalServerError } from '../errors/api-error';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { ResponseTooLargeError } from '../errors/response-too-large-error';
import { AbortError } from '../errors/transport-errors';
import { ValidationError } from '../errors/validation-error';
import { makePng } from '../image/test-utils/make-test-image';
import { fakeFetch, sseData, sseResponse } from '../test-utils/fake-fetch';
import { createLunosImageClient } from './create-lunos-image-client';

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };
// Assembled at runtime (same value) so no key-shaped text is committed for a secret scanner.
const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
const CHUNK = 64 * 1024;
const MiB = 1024 * 1024;

/** An endless body that counts what it managed to hand over before it was cancelled. */
function endlessBody(fill = 0x3c) {
  const sent = { bytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        sent.bytes += CHUNK;
        controller.enqueue(new Uint8Array(CHUNK).fill(fill));
      },
      cancel() {
        sent.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, sent };
}

/** Every run of 8+ characters of the key that `text` still holds. */
const keyPieces = (text: string) => {
  const found: string[] = [];
  for (let i = 0; i + 8 <= KEY.length; i++)
    if (text.includes(KEY.slice(i, i + 8))) found.push(KEY.slice(i, i + 8));
  return found;
};

describe('a hostile server', () => {
  it('an endless HTML 200 answer is an InvalidResponseError naming it after at most 1 MiB', async () => {
    const body = endlessBody();
    const fetch = fakeFetch(
      () => new Response(body.stream, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
    );
    // The default maxResponseBytes (128 MiB): the content type alone says it is not an answer.
    const client = createLunosImageClient({ fetch });
    const error = await client.generateImage(vars).catch((e: unknown) => e);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `The answer has content-type text/html; charset=utf-8, not JSON or SSE: ${'<'.repeat(80)}…`,
    );
    expect(body.sent.cancelled).toBe(true);
    expect(body.sent.bytes).toBeLessThanOrEqual(MiB + CHUNK);
    expect(fetch.calls).toHaveLength(1);
  });

  it('an endless model list of another content type is refused the same way', async () => {
    const list = endlessBody(0x20);
    const client = createLunosImageClient({
      fetch: fakeFetch(
        () => new Response(list.stream, { headers: { 'content-type': 'text/plain' } }),
      ),
    });
    const error = await client.listModels().catch((e: unknown) => e);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('The model list has content-type text/plain, not JSON');
    expect(list.sent.cancelled).toBe(true);
    expect(list.sent.bytes).toBeLessThanOrEqual(MiB + CHUNK);
  });

  it('a 500 with an endless body is an InternalServerError after at most 1 MiB, cancelled', async () => {
    const bodies: ReturnType<typeof endlessBody>[] = [];
    const fetch = fakeFetch(() => {
      const body = endlessBody();
      bodies.push(body);
      return new Response(body.stream, { status: 500 });
    });
    const client = createLunosImageClient({ fetch, maxRetries: 0 });
    const error = await client.generateImage(vars).catch((e: unknown) => e);
    expect(InternalServerError.isInstance(error)).toBe(true);
    expect((error as InternalServerError).status).toBe(500);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.sent.cancelled).toBe(true);
    expect(bodies[0]?.sent.bytes).toBeLessThanOrEqual(MiB + CHUNK);
  });

  it('an endless error body to listModels keeps its status too, and a JSON list stays bounded', async () => {
    const errorBody = endlessBody(0x20);
    const errorClient = createLunosImageClient({
      fetch: fakeFetch(() => new Response(errorBody.stream, { status: 401 })),
    });
    await expect(errorClient.listModels()).rejects.toSatisfy((e: unknown) =>
      AuthenticationError.isInstance(e),
    );
    expect(errorBody.sent.cancelled).toBe(true);
    expect(errorBody.sent.bytes).toBeLessThanOrEqual(MiB + CHUNK);

    // A JSON answer is the answer: read up to maxResponseBytes, then refused.
    const list = endlessBody(0x20);
    const listClient = createLunosImageClient({
      fetch: fakeFetch(
        () => new Response(list.stream, { headers: { 'content-type': 'application/json' } }),
      ),
      maxResponseBytes: 256 * 1024,
    });
    await expect(listClient.listModels()).rejects.toSatisfy((e: unknown) =>
      ResponseTooLargeError.isInstance(e),
    );
    expect(list.sent.bytes).toBeLessThanOrEqual(256 * 1024 + CHUNK);
  });

  it('an error body is cut at maxResponseBytes when that is smaller than 1 MiB', async () => {
    const body = endlessBody();
    const client = createLunosImageClient({
      fetch: fakeFetch(() => new Response(body.stream, { status: 400 })),
      maxResponseBytes: 256 * 1024,
    });
    const error = await client.generateImage(vars).catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(body.sent.bytes).toBeLessThanOrEqual(256 * 1024 + CHUNK);
  });

  it('a gzip bomb behind a 500 is an InternalServerError after 1 MiB of decoded bytes', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * MiB, 0x20));
    // The decoded bytes as the client pulls them, one decoded chunk per read.
    const inflated = new Blob([bomb]).stream().pipeThrough(new DecompressionStream('gzip'));
    const reader = inflated.getReader();
    const pulled = { bytes: 0, largest: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          pulled.bytes += value.byteLength;
          pulled.largest = Math.max(pulled.largest, value.byteLength);
          controller.enqueue(value);
        },
        cancel(reason) {
          pulled.cancelled = true;
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    const client = createLunosImageClient({
      fetch: fakeFetch(() => new Response(body, { status: 500 })),
      maxRetries: 0,
    });
    const error = await client.generateImage(vars).catch((e: unknown) => e);
    expect(InternalServerError.isInstance(error)).toBe(true);
    expect(pulled.cancelled).toBe(true);
    expect(pulled.bytes).toBeGreaterThanOrEqual(MiB);
    expect(pulled.bytes).toBeLessThanOrEqual(MiB + pulled.largest);
  });

  it('an endless SSE stream stops at maxResponseBytes', async () => {
    const body = endlessBody(0x3a); // ':' lines are comments: valid, endless keep-alives
    const client = createLunosImageClient({
      fetch: fakeFetch(() => sseResponse(body.stream)),
      maxResponseBytes: 512 * 1024,
    });
    await expect(client.generateImage(vars)).rejects.toSatisfy((e: unknown) =>
      ResponseTooLargeError.isInstance(e),
    );
    expect(body.sent.bytes).toBeLessThanOrEqual(512 * 1024 + 2 * CHUNK);
  });

  it('more images than maxImagesPerAnswer is refused', async () => {
    const url = `data:image/png;base64,${Buffer.from(makePng(2, 2)).toString('base64')}`;
    const images = Array.from({ length: 5 }, () => ({ type: 'image_url', image_url: { url } }));
    const json = {
      choices: [
        { index: 0, message: { role: 'assistant', content: '', images }, finish_reason: 'stop' },
      ],
    };
    const client = createLunosImageClient({
      fetch: fakeFetch(() => Response.json(json)),
      maxImagesPerAnswer: 3,
    });
    const error = (await client
      .generateImage(vars)
      .catch((e: unknown) => e)) as ResponseTooLargeError;
    expect(error.limit).toBe('maxImagesPerAnswer');
    expect(error.max).toBe(3);
  });

  it('no piece of the key survives a cut preview of a non-JSON body or a malformed SSE line', async () => {
    const echo = `<html>${'x'.repeat(30)}${KEY}</html>`;
    for (const contentType of ['text/html', 'application/json']) {
      const client = createLunosImageClient({
        apiKey: KEY,
        fetch: fakeFetch(() => new Response(echo, { headers: { 'content-type': contentType } })),
      });
      const error = (await client.generateImage(vars).catch((e: unknown) => e)) as Error;
      expect(error.message).toContain(contentType === 'text/html' ? 'not JSON or SSE' : 'not JSON');
      expect(keyPieces(`${error.message}${error.stack}${JSON.stringify(error)}`)).toEqual([]);
    }

    const sse = createLunosImageClient({
      apiKey: KEY,
      fetch: fakeFetch(() => sseResponse(`data: {"bad ${'y'.repeat(38)}${KEY}\n\n`)),
    });
    const sseError = (await sse.generateImage(vars).catch((e: unknown) => e)) as Error;
    expect(sseError.message).toContain('not valid JSON');
    expect(keyPieces(sseError.message)).toEqual([]);
  });

  it('a server echoing a cut key in metadata.raw leaks no piece of it', async () => {
    const body = {
      error: {
        code: 401,
        message: 'Unauthorized',
        metadata: { raw: `bad key ${KEY.slice(0, 30)}` },
      },
    };
    const client = createLunosImageClient({
      apiKey: KEY,
      fetch: fakeFetch(() => Response.json(body, { status: 401 })),
    });
    const error = (await client.generateImage(vars).catch((e: unknown) => e)) as Error;
    expect(
      keyPieces(
        `${error.message}${JSON.stringify(error)}${JSON.stringify((error as { body?: unknown }).body)}`,
      ),
    ).toEqual([]);
  });
});

describe('a careless caller', () => {
  it('a reused AbortSignal keeps no listener per call', async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const client = createLunosImageClient({
      fetch: fakeFetch(() => new Response('{}', { status: 400 })),
      maxRetries: 0,
    });
    for (let i = 0; i < 20; i++)
      await client.generateImage(vars, { signal: controller.signal }).catch(() => {});
    expect(add.mock.calls.length).toBeGreaterThan(0);
    expect(remove.mock.calls.length).toBe(add.mock.calls.length);
  });

  it('timeout Infinity is no limit, not clamped to 1 ms; 0 and 2^31 are refused', async () => {
    // The answer takes 30 ms: a limit clamped to 1 ms would have fired by then.
    const answer = sseData({
      choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }],
    });
    const fetch = fakeFetch(
      () => new Promise<Response>((resolve) => setTimeout(() => resolve(sseResponse(answer)), 30)),
    );
    const infinite = Number.POSITIVE_INFINITY;
    for (const timeout of [
      infinite,
      { totalMs: infinite, firstByteMs: infinite, idleMs: infinite },
    ]) {
      const client = createLunosImageClient({ fetch, timeout });
      const error = await client.generateImage(vars).catch((e: unknown) => e);
      expect((error as Error).name).not.toBe('TimeoutError');
    }
    expect(() => createLunosImageClient({ timeout: 2 ** 31 })).toThrow(ValidationError);
    expect(() => createLunosImageClient({ timeout: { idleMs: -1 } })).toThrow(/timeout.idleMs/);
    expect(fetch.calls).toHaveLength(2);
  });

  it('timeout 0 is a ValidationError naming the option, in every form, and nothing is sent', async () => {
    const fetch = fakeFetch(() => Response.json({}));
    const refusal = (create: () => unknown) => {
      try {
        create();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const optionError = refusal(() => createLunosImageClient({ fetch, timeout: 0 }));
    expect(ValidationError.isInstance(optionError)).toBe(true);
    expect((optionError as ValidationError).path).toBe('timeout');
    for (const key of ['totalMs', 'firstByteMs', 'idleMs'] as const) {
      const error = refusal(() => createLunosImageClient({ fetch, timeout: { [key]: 0 } }));
      expect((error as ValidationError).path).toBe(`timeout.${key}`);
    }
    // A call's own timeout: a rejection, never a synchronous throw, and no request.
    const client = createLunosImageClient({ fetch });
    for (const timeout of [0, { idleMs: 0 }]) {
      const path = typeof timeout === 'number' ? 'timeout' : 'timeout.idleMs';
      const generation = client.generateImage(vars, { timeout });
      await expect(generation).rejects.toSatisfy(
        (e: unknown) => ValidationError.isInstance(e) && e.path === path,
      );
      await expect(client.streamImage(vars, { timeout }).result()).rejects.toSatisfy(
        (e: unknown) => ValidationError.isInstance(e) && e.path === path,
      );
      await expect(client.listModels({}, { timeout })).rejects.toSatisfy(
        (e: unknown) => ValidationError.isInstance(e) && e.path === path,
      );
    }
    expect(fetch.calls).toHaveLength(0);
  });

  it('bad header values and credentials in baseURL are a ValidationError before any attempt', () => {
    for (const options of [
      { appId: 'a\r\nx-evil: 1' },
      { title: 'Café ☕' },
      { referer: 'https://x\n' },
      { headers: { 'x-a': 'b\r\nc' } },
    ]) {
      expect(() => createLunosImageClient(options)).toThrow(ValidationError);
    }
    let error: unknown;
    try {
      createLunosImageClient({ baseURL: 'https://user:hunter2secret@proxy.example/v1' });
    } catch (e) {
      error = e;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('generateImage(null) rejects with a ValidationError instead of throwing', async () => {
    const client = createLunosImageClient({ fetch: fakeFetch(() => Response.json({})) });
    // @ts-expect-error deliberately wrong
    const pending = client.generateImage(null);
    await expect(pending).rejects.toSatisfy((e: unknown) => ValidationError.isInstance(e));
    // @ts-expect-error deliberately wrong
    await expect(client.listModels(null, 5)).rejects.toSatisfy((e: unknown) =>
      ValidationError.isInstance(e),
    );
  });

  it('a Web Worker counts as a browser', () => {
    class WorkerGlobalScope {}
    vi.stubGlobal('WorkerGlobalScope', WorkerGlobalScope);
    vi.stubGlobal('self', new WorkerGlobalScope());
    try {
      expect(() => createLunosImageClient({ apiKey: KEY })).toThrow(/dangerouslyAllowBrowser/);
      expect(() =>
        createLunosImageClient({ apiKey: KEY, dangerouslyAllowBrowser: true }),
      ).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('abort() wins over events already read in the same network read', async () => {
    const answer =
      sseData({ choices: [{ index: 0, delta: { content: 'a' } }] }) +
      sseData({ choices: [{ index: 0, delta: { content: 'b' } }] }) +
      sseData({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) +
      'data: [DONE]\n\n';
    const client = createLunosImageClient({ fetch: fakeFetch(() => sseResponse(answer)) });
    const stream = client.streamImage(vars);
    const seen: string[] = [];
    const iterate = (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        if (seen.length === 1) stream.abort('stop');
      }
    })();
    await expect(iterate).rejects.toSatisfy((e: unknown) => AbortError.isInstance(e));
    await expect(stream.result()).rejects.toSatisfy((e: unknown) => AbortError.isInstance(e));
    expect(seen).toHaveLength(1);
  });
});
