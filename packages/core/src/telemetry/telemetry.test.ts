import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLunosImageClient } from '../client/create-lunos-image-client';
import { RateLimitError } from '../errors/api-error';
import { encodeBase64 } from '../image/base64';
import { makePng } from '../image/test-utils/make-test-image';
import { createLunosImageHandler } from '../server/create-lunos-image-handler';
import { memoryJobStore } from '../server/jobs/memory-job-store';
import type { LunosImageHandlerOptions } from '../server/lunos-image-handler-options';
import { traceGeneration } from '../server/telemetry/trace-generation';
import { fakeFetch, jsonResponse, sseData, sseResponse } from '../test-utils/fake-fetch';
import { finalPng, imagesEvent, imagesUsage } from '../test-utils/images-wire-examples';
import { imageChunk, pngBytes, recordedSunsetReads } from '../test-utils/recorded-stream';
import { chunkExamples, errorExamples } from '../test-utils/wire-examples';

const SECRET = 'q7Zx0telemetrySecretPart9Kp2Wm4Rt6Yv8Ub1Nc3Ld5Fg7Hj9';
const KEY = `sk-or-v1-${SECRET}`;
const PROMPT = 'a lighthouse at dusk, painted by my neighbour Ottoline';
const APP = 'http://app.test/api/lunos';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
});
afterEach(() => exporter.reset());
afterAll(() => trace.disable());

/** An SSE body sent in reads of `size` bytes: lines and images cut anywhere. */
function inReads(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/** The route handler in front of `upstream`, as the client's fetch (no sockets). */
function throughHandler(
  upstream: () => Response,
  options: Partial<LunosImageHandlerOptions> = {},
): typeof fetch {
  const handler = createLunosImageHandler({
    apiKey: KEY,
    heartbeatMs: 0,
    fetch: fakeFetch(upstream),
    ...options,
  });
  return (input, init) => handler(new Request(input, init));
}

const byName = (spans: ReadableSpan[]) => spans.map((s) => s.attributes);

/** Everything a span carries that an exporter would send, as one string. */
function exported(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    status: span.status,
    links: span.links,
    resource: span.resource.attributes,
  });
}

const sunsetUsage = chunkExamples.finishWithUsage.usage;

/** A chat chunk whose delta also carries `content` (before its images, in the same line). */
function withText(chunk: ReturnType<typeof imageChunk>, content: string) {
  const [choice] = chunk.choices;
  return { ...chunk, choices: [{ ...choice, delta: { ...choice?.delta, content } }] };
}

describe('spans of a streamed chat generation', () => {
  it('the client and the handler each record one span with the GenAI and lunos_image attributes', async () => {
    const fetch = throughHandler(() => sseResponse(inReads(recordedSunsetReads().join(''), 7)));
    const client = createLunosImageClient({ baseURL: APP, fetch });
    const result = await client.generateImage({
      model: 'google/gemini-2.5-flash-image',
      prompt: PROMPT,
    });
    expect(result.images).toHaveLength(1);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    for (const attributes of byName(spans)) {
      expect(attributes).toMatchObject({
        'gen_ai.operation.name': 'generate_content',
        'gen_ai.provider.name': 'lunos',
        'gen_ai.system': 'lunos',
        'gen_ai.request.model': 'google/gemini-2.5-flash-image',
        'gen_ai.response.model': chunkExamples.finishWithUsage.model,
        'gen_ai.response.id': chunkExamples.finishWithUsage.id,
        'gen_ai.usage.input_tokens': sunsetUsage.prompt_tokens,
        'gen_ai.usage.output_tokens': sunsetUsage.completion_tokens,
        'lunos_image.cost_usd': sunsetUsage.cost,
        'lunos_image.api': 'chat',
        'lunos_image.image_count': 1,
        'lunos_image.image_bytes': pngBytes.length,
      });
      expect(attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
      expect(attributes['lunos_image.time_to_first_byte_ms']).toBeGreaterThanOrEqual(0);
      expect(attributes['lunos_image.time_to_first_image_ms']).toBeGreaterThanOrEqual(
        attributes['lunos_image.time_to_first_byte_ms'] as number,
      );
      expect(attributes['error.type']).toBeUndefined();
      expect(attributes['gen_ai.input.messages']).toBeUndefined();
    }
    expect(spans.map((s) => s.name)).toEqual([
      'generate_content google/gemini-2.5-flash-image',
      'generate_content google/gemini-2.5-flash-image',
    ]);
    expect(spans.every((s) => s.status.code === 0 && s.kind === 2)).toBe(true);
  });

  it('sizes an image line longer than the handler reads whole, cut into reads anywhere', async () => {
    const big = makePng(150, 140, [10, 20, 30]);
    const url = `data:image/png;base64,${encodeBase64(big)}`;
    expect(url.length).toBeGreaterThan(64 * 1024);
    // Text with escaped quotes and backslashes, short and long, cut anywhere too.
    const text = (content: string) => ({
      ...chunkExamples.caption,
      choices: [{ ...chunkExamples.caption.choices[0], delta: { role: 'assistant', content } }],
    });
    const stream = [
      sseData(text('say "hi" \\ and \\"')),
      sseData(text(`${'a "long" caption \\ '.repeat(100)}\\`)),
      sseData(withText(imageChunk(url), 'said "hi" \\\\" \\')),
      sseData(chunkExamples.finishWithUsage),
      sseData('[DONE]'),
    ].join('');
    for (const size of [997, 4096, 70_000]) {
      const fetch = throughHandler(() => sseResponse(inReads(stream, size)));
      const client = createLunosImageClient({ baseURL: APP, fetch });
      await client.generateImage({ model: 'google/gemini-2.5-flash-image', prompt: PROMPT });
      const spans = exporter.getFinishedSpans();
      expect(byName(spans).map((a) => a['lunos_image.image_bytes'])).toEqual([
        big.length,
        big.length,
      ]);
      expect(byName(spans).map((a) => a['lunos_image.image_count'])).toEqual([1, 1]);
      expect(byName(spans).map((a) => a['lunos_image.cost_usd'])).toEqual([
        sunsetUsage.cost,
        sunsetUsage.cost,
      ]);
      exporter.reset();
    }
  });
});

describe('job id and cache hit', () => {
  it('a generation run as a job of the handler: both spans name the job', async () => {
    const fetch = throughHandler(() => sseResponse(recordedSunsetReads().join('')), {
      jobs: { store: memoryJobStore() },
    });
    const client = createLunosImageClient({ baseURL: APP, fetch });
    const stream = client.streamImage({ model: 'google/gemini-2.5-flash-image', prompt: PROMPT });
    const result = await stream.result();
    expect(result.images).toHaveLength(1);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    expect(spans.map((s) => s.attributes['lunos_image.job_id'])).toEqual([
      stream.jobId,
      stream.jobId,
    ]);
    // The handler sends the image as a URL of its own: counted, its size known to the client.
    expect(spans.map((s) => s.attributes['lunos_image.image_count'])).toEqual([1, 1]);
    expect(spans.map((s) => s.attributes['lunos_image.image_bytes']).sort()).toEqual([
      0,
      pngBytes.length,
    ]);
  });

  it('an answer marked x-lunos-cache: hit is recorded as a cache hit', async () => {
    const answer = () =>
      Promise.resolve(sseResponse(recordedSunsetReads().join(''), { 'x-lunos-cache': 'hit' }));
    const response = await traceGeneration(
      { provider: 'lunos', recordPrompt: false },
      { wire: 'chat', body: { model: 'm', messages: [] } },
      answer,
    );
    await response.text();
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['lunos_image.cache_hit']).toBe(true);
    expect(span?.attributes['lunos_image.image_count']).toBe(1);
  });
});

describe('spans of an Images API generation', () => {
  it('counts the completed image (never the previews), with its usage', async () => {
    const big = encodeBase64(makePng(150, 140, [90, 20, 30]));
    const stream = [
      sseData(imagesEvent.partial(0)),
      sseData(imagesEvent.partial(1, big)),
      sseData(imagesEvent.completed(big)),
      sseData('[DONE]'),
    ].join('');
    const fetch = throughHandler(() => sseResponse(inReads(stream, 5000)), {
      dialect: 'openrouter',
    });
    const client = createLunosImageClient({ dialect: 'openrouter', baseURL: APP, fetch });
    const stream2 = client.streamImage({
      model: 'openai/gpt-image-1',
      prompt: PROMPT,
      api: 'images',
    });
    const result = await stream2.result();
    expect(result.images).toHaveLength(1);
    const bytes = result.images[0]?.byteLength;
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    for (const attributes of byName(spans)) {
      expect(attributes).toMatchObject({
        'gen_ai.operation.name': 'generate_content',
        'gen_ai.provider.name': 'openrouter',
        'gen_ai.request.model': 'openai/gpt-image-1',
        'gen_ai.usage.input_tokens': imagesUsage.prompt_tokens,
        'gen_ai.usage.output_tokens': imagesUsage.completion_tokens,
        'lunos_image.cost_usd': imagesUsage.cost,
        'lunos_image.api': 'images',
        'lunos_image.image_count': 1,
        'lunos_image.image_bytes': bytes,
      });
    }
  });

  it('a JSON answer with images too large to hold, in reads cut anywhere', async () => {
    const big = [makePng(150, 140, [1, 2, 3]), makePng(140, 150, [4, 5, 6])];
    const body = JSON.stringify({
      created: 1,
      data: big.map((png) => ({ b64_json: encodeBase64(png) })),
      usage: imagesUsage,
    });
    const fetch = throughHandler(
      () => new Response(inReads(body, 997), { headers: { 'content-type': 'application/json' } }),
      { dialect: 'openrouter' },
    );
    const client = createLunosImageClient({ dialect: 'openrouter', baseURL: APP, fetch });
    await client.generateImage({
      model: 'openai/gpt-image-1',
      prompt: PROMPT,
      api: 'images',
      n: 2,
      stream: false,
    });
    for (const attributes of byName(exporter.getFinishedSpans())) {
      expect(attributes['lunos_image.image_count']).toBe(2);
      expect(attributes['lunos_image.image_bytes']).toBe(big[0]!.length + big[1]!.length);
      expect(attributes['gen_ai.usage.output_tokens']).toBe(imagesUsage.completion_tokens);
    }
  });

  it('reads a JSON answer the same way', async () => {
    const fetch = throughHandler(
      () =>
        jsonResponse({
          created: 1,
          data: [{ b64_json: finalPng }, { b64_json: finalPng }],
          usage: imagesUsage,
        }),
      { dialect: 'openrouter' },
    );
    const client = createLunosImageClient({ dialect: 'openrouter', baseURL: APP, fetch });
    const result = await client.generateImage({
      model: 'openai/gpt-image-1',
      prompt: PROMPT,
      api: 'images',
      n: 2,
      stream: false,
    });
    const size = result.images[0]?.byteLength;
    for (const attributes of byName(exporter.getFinishedSpans())) {
      expect(attributes['lunos_image.image_count']).toBe(2);
      expect(attributes['lunos_image.image_bytes']).toBe(2 * (size as number));
      expect(attributes['lunos_image.cost_usd']).toBe(imagesUsage.cost);
    }
  });
});

describe('spans of a failure', () => {
  it('an upstream 429: error.type (the error class on the client, the status on the handler) and status ERROR', async () => {
    const fetch = throughHandler(() => jsonResponse(errorExamples.rateLimited, 429));
    const client = createLunosImageClient({ baseURL: APP, fetch, maxRetries: 0 });
    await expect(
      client.generateImage({ model: 'google/gemini-2.5-flash-image', prompt: PROMPT }),
    ).rejects.toBeInstanceOf(RateLimitError);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.attributes['error.type']).sort()).toEqual(['429', 'RateLimitError']);
    expect(spans.map((s) => s.status.code)).toEqual([2, 2]);
    expect(spans.map((s) => s.attributes['lunos_image.image_count'])).toEqual([0, 0]);
  });

  it('an in-band error event after the answer began', async () => {
    const fetch = throughHandler(
      () => sseResponse([sseData(imagesEvent.partial(0)), sseData(imagesEvent.error)].join('')),
      { dialect: 'openrouter' },
    );
    const client = createLunosImageClient({ dialect: 'openrouter', baseURL: APP, fetch });
    await expect(
      client.generateImage({ model: 'openai/gpt-image-1', prompt: PROMPT, api: 'images' }),
    ).rejects.toThrow();
    const spans = exporter.getFinishedSpans();
    const types = spans.map((s) => s.attributes['error.type']);
    expect(types).toContain('server_error');
    expect(types.every((t) => typeof t === 'string' && t !== 'AbortError')).toBe(true);
    expect(spans.map((s) => s.status.code)).toEqual([2, 2]);
  });

  it('a stopped run ends its span as an AbortError', async () => {
    const fetch = fakeFetch(() => sseResponse(new ReadableStream()));
    const client = createLunosImageClient({ baseURL: APP, fetch });
    const stream = client.streamImage({ model: 'google/gemini-2.5-flash-image', prompt: PROMPT });
    const done = stream.result().catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 10));
    stream.abort('user stop');
    await done;
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['error.type']).toBe('AbortError');
  });
});

describe('what spans never carry', () => {
  const chatWithReference = () => ({
    model: 'google/gemini-2.5-flash-image',
    prompt: PROMPT,
    referenceImages: [`data:image/png;base64,${encodeBase64(makePng(8, 8, [1, 2, 3]))}`],
  });

  async function run(recordPrompt: boolean) {
    const fetch = throughHandler(() => sseResponse(recordedSunsetReads().join('')), {
      telemetry: { recordPrompt },
    });
    const client = createLunosImageClient({
      baseURL: APP,
      fetch,
      telemetry: { recordPrompt },
    });
    await client.generateImage(chatWithReference());
    // A failure whose upstream error body quotes the key.
    const failing = throughHandler(
      () => jsonResponse({ error: { message: `bad key ${KEY}`, code: 401 } }, 401),
      { telemetry: { recordPrompt } },
    );
    await createLunosImageClient({ baseURL: APP, fetch: failing, telemetry: { recordPrompt } })
      .generateImage(chatWithReference())
      .catch(() => {});
    return exporter.getFinishedSpans();
  }

  const imageSlices = (base64: string) =>
    Array.from({ length: Math.floor(base64.length / 24) }, (_, i) =>
      base64.slice(i * 24, i * 24 + 24),
    );

  it('no piece of the key, no image data, no prompt unless recordPrompt', async () => {
    const spans = await run(false);
    expect(spans).toHaveLength(4);
    const reference = encodeBase64(makePng(8, 8, [1, 2, 3]));
    for (const span of spans) {
      const text = exported(span);
      for (let i = 0; i + 8 <= SECRET.length; i += 4)
        expect(text).not.toContain(SECRET.slice(i, i + 8));
      for (const slice of [...imageSlices(encodeBase64(pngBytes)), ...imageSlices(reference)]) {
        expect(text).not.toContain(slice);
      }
      expect(text).not.toContain('lighthouse');
      expect(text).not.toContain('Ottoline');
    }
  });

  it('with recordPrompt: the prompt as gen_ai.input.messages, still no image data or key', async () => {
    const spans = await run(true);
    const reference = encodeBase64(makePng(8, 8, [1, 2, 3]));
    for (const span of spans) {
      expect(JSON.parse(span.attributes['gen_ai.input.messages'] as string)).toEqual([
        { role: 'user', parts: [{ type: 'text', content: PROMPT }] },
      ]);
      const text = exported(span);
      expect(text).not.toContain(SECRET.slice(0, 8));
      for (const slice of imageSlices(reference)) expect(text).not.toContain(slice);
    }
  });
});

describe('without a tracer', () => {
  it('no provider registered (as without the package): no span, the run is unchanged', async () => {
    trace.disable();
    try {
      const api = Symbol.for('opentelemetry.js.api.1');
      const global = globalThis as Record<symbol, { trace?: unknown } | undefined>;
      expect(global[api]?.trace).toBeUndefined();
      const generate = async () => {
        const fetch = throughHandler(() => sseResponse(recordedSunsetReads().join('')));
        const result = await createLunosImageClient({ baseURL: APP, fetch }).generateImage({
          model: 'google/gemini-2.5-flash-image',
          prompt: PROMPT,
        });
        expect(result.images).toHaveLength(1);
      };
      await generate();
      // Without the package nothing is registered at all.
      const registered = global[api];
      delete global[api];
      try {
        await generate();
      } finally {
        global[api] = registered;
      }
      expect(exporter.getFinishedSpans()).toHaveLength(0);
    } finally {
      trace.setGlobalTracerProvider(provider);
    }
  });

  it('telemetry: false on both sides: no span even with a provider', async () => {
    const fetch = throughHandler(() => sseResponse(recordedSunsetReads().join('')), {
      telemetry: false,
    });
    await createLunosImageClient({ baseURL: APP, fetch, telemetry: false }).generateImage({
      model: 'google/gemini-2.5-flash-image',
      prompt: PROMPT,
    });
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('a tracer passed to the client is used without any global registration', async () => {
    trace.disable();
    try {
      const own = new InMemorySpanExporter();
      const tracer = new BasicTracerProvider({
        spanProcessors: [new SimpleSpanProcessor(own)],
      }).getTracer('app');
      const fetch = fakeFetch(() => sseResponse(recordedSunsetReads().join('')));
      await createLunosImageClient({ baseURL: APP, fetch, telemetry: { tracer } }).generateImage({
        model: 'google/gemini-2.5-flash-image',
        prompt: PROMPT,
      });
      expect(own.getFinishedSpans()).toHaveLength(1);
      expect(exporter.getFinishedSpans()).toHaveLength(0);
    } finally {
      trace.setGlobalTracerProvider(provider);
    }
  });

  it('bad telemetry options are ValidationErrors naming them', () => {
    expect(() =>
      createLunosImageClient({ baseURL: APP, telemetry: { recordPrompt: 'yes' as never } }),
    ).toThrow(/telemetry\.recordPrompt/);
    expect(() =>
      createLunosImageClient({ baseURL: APP, telemetry: { tracer: {} as never } }),
    ).toThrow(/telemetry\.tracer/);
    expect(() => createLunosImageHandler({ apiKey: KEY, telemetry: 1 as never })).toThrow(
      /telemetry/,
    );
  });

  it('core imports nothing of @opentelemetry (it reads the global registration)', () => {
    const root = join(__dirname, '..');
    const sources = (readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => f.endsWith('.ts') && !f.includes('test'),
    );
    expect(sources.length).toBeGreaterThan(50);
    for (const file of sources) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/from '@opentelemetry/);
    }
  });
});
