import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { NoImageGeneratedError, StreamError, StreamTruncatedError } from '../errors/stream-errors';
import { ValidationError } from '../errors/validation-error';
import { makePng } from '../image/test-utils/make-test-image';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import {
  chunkedBody,
  controlledBody,
  fakeFetch,
  jsonResponse,
  sseData,
  sseResponse,
} from '../test-utils/fake-fetch';
import {
  imageChunk,
  pngBytes,
  pngDataUrl,
  recordedSunsetReads,
  recordedSunsetResponse,
} from '../test-utils/recorded-stream';
import { chunkExamples } from '../test-utils/wire-examples';
import { createLunosImageClient } from './create-lunos-image-client';

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };

const clientFor = (response: () => Response) => {
  const fetch = fakeFetch(response);
  return { fetch, client: createLunosImageClient({ fetch }) };
};

async function collect(events: AsyncIterable<ImageStreamEvent>) {
  const seen: ImageStreamEvent[] = [];
  let error: unknown;
  try {
    for await (const event of events) seen.push(event);
  } catch (e) {
    error = e;
  }
  return { seen, error };
}

describe('streamImage', () => {
  it('yields processing, text, image, usage and finish for the recorded stream', async () => {
    const { client, fetch } = clientFor(() => sseResponse(chunkedBody(recordedSunsetReads())));
    const stream = client.streamImage(vars);
    const { seen, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(seen.map((e) => e.type)).toEqual([
      'processing',
      'processing',
      'text-delta',
      'image',
      'usage',
      'finish',
    ]);
    const image = seen.find((e) => e.type === 'image');
    expect(image?.type === 'image' && image.image.bytes()).toEqual(pngBytes);
    expect(seen.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      nativeReason: 'STOP',
      id: 'gen-1764926649-tF4W3t4FuuPsXb0VBWLB',
      model: 'google/gemini-2.5-flash-image',
      provider: 'Google AI Studio',
    });
    const result = await stream.result();
    expect(result.text).toBe('Here is your sunset! ');
    expect(result.usage?.imageTokens).toBe(1290);
    expect(result.usage?.cost).toBe(0.0387036);
    expect(JSON.parse(fetch.calls[0]?.body ?? '').stream).toBe(true);
    expect(fetch.calls[0]?.headers.accept).toBe('text/event-stream');
  });

  it('batches() groups the events of one network read', async () => {
    const reads = recordedSunsetReads();
    const { client } = clientFor(() =>
      sseResponse(chunkedBody([reads.slice(0, 3).join(''), ...reads.slice(3)])),
    );
    const batches: string[][] = [];
    for await (const batch of client.streamImage(vars).batches())
      batches.push(batch.map((e) => e.type));
    expect(batches).toEqual([
      ['processing', 'processing', 'text-delta'],
      ['image'],
      ['usage'],
      ['finish'],
    ]);
  });

  it('a JSON answer to a stream request (whitespace first) yields the same events and result', async () => {
    const padded = `\n         \n\n         \n${JSON.stringify(recordedSunsetResponse())}`;
    const { client } = clientFor(() => jsonResponse(padded));
    const streamed = clientFor(() => sseResponse(chunkedBody(recordedSunsetReads()))).client;
    const fromJson = await collect(client.streamImage(vars));
    const fromSse = await collect(streamed.streamImage(vars));
    const strip = (events: ImageStreamEvent[]) =>
      events
        .filter((e) => e.type !== 'processing')
        .map((e) => (e.type === 'image' ? { ...e, image: e.image.url } : e));
    expect(strip(fromJson.seen)).toEqual(strip(fromSse.seen));
    const a = await client.generateImage(vars);
    const b = await streamed.generateImage(vars);
    expect({ ...a, images: a.images.map((i) => i.url) }).toEqual({
      ...b,
      images: b.images.map((i) => i.url),
    });
  });

  it('stops reading at [DONE] even if the server keeps the connection open', async () => {
    const body = controlledBody();
    const { client } = clientFor(() => sseResponse(body.stream));
    for (const read of recordedSunsetReads()) body.push(read);
    const result = await client.streamImage(vars).result();
    expect(result.images).toHaveLength(1);
    await body.cancelled;
  });

  it('leaving the loop early aborts the request', async () => {
    const body = controlledBody();
    const { client, fetch } = clientFor(() => sseResponse(body.stream));
    const stream = client.streamImage(vars);
    body.push(recordedSunsetReads()[2] as string);
    for await (const event of stream) {
      expect(event.type).toBe('text-delta');
      break;
    }
    await body.cancelled;
    expect(fetch.calls[0]?.signal?.aborted).toBe(true);
    await expect(stream.result()).rejects.toThrow('The stream was closed before it finished');
  });

  it('a stream can be consumed once', async () => {
    const { client } = clientFor(() => sseResponse(chunkedBody(recordedSunsetReads())));
    const stream = client.streamImage(vars);
    await stream.result();
    await expect(collect(stream).then((r) => r.error)).resolves.toBeInstanceOf(TypeError);
  });

  it('a progressive preview is replaced by the final image at the same index', async () => {
    const preview = `data:image/png;base64,${Buffer.from(makePng(2, 2, [0, 0, 255])).toString('base64')}`;
    const reads = [
      sseData(imageChunk(preview, 0)),
      sseData(imageChunk(pngDataUrl, 0)),
      sseData(chunkExamples.finish),
    ];
    const events = await collect(
      clientFor(() => sseResponse(chunkedBody(reads))).client.streamImage(vars),
    );
    const images = events.seen.flatMap((e) => (e.type === 'image' ? [e] : []));
    expect(images.map((e) => [e.index, e.image.width])).toEqual([
      [0, 2],
      [0, 4],
    ]);
    const result = await clientFor(() => sseResponse(chunkedBody(reads))).client.generateImage(
      vars,
    );
    expect(result.images.map((i) => i.url)).toEqual([pngDataUrl]);
  });

  it('an in-band error is an error event, then a StreamError', async () => {
    const reads = [
      sseData(chunkExamples.caption),
      sseData(chunkExamples.inBandError),
      sseData('[DONE]'),
    ];
    const { seen, error } = await collect(
      clientFor(() => sseResponse(chunkedBody(reads))).client.streamImage(vars),
    );
    expect(seen.map((e) => e.type)).toEqual(['text-delta', 'error']);
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 429,
      errorType: 'rate_limit_exceeded',
      finishReason: 'error',
    });
    expect((error as StreamError).message).toBe('Rate limit exceeded');
  });

  it('finish_reason "error" without an error object is still an error', async () => {
    const chunk = {
      ...chunkExamples.finish,
      choices: [
        {
          index: 0,
          delta: { content: '' },
          finish_reason: 'error',
          native_finish_reason: 'MALFORMED_FUNCTION_CALL',
        },
      ],
    };
    const error = await clientFor(() => sseResponse(sseData(chunk)))
      .client.generateImage(vars)
      .catch((e) => e);
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'The generation ended with finish_reason "error" (native: MALFORMED_FUNCTION_CALL)',
    );
  });

  it('a finish without an image is NoImageGeneratedError with the native reason and the text', async () => {
    const blocked = {
      ...chunkExamples.finish,
      choices: [
        {
          index: 0,
          delta: { content: 'I cannot draw that.' },
          finish_reason: 'stop',
          native_finish_reason: 'IMAGE_SAFETY',
        },
      ],
    };
    const error = await clientFor(() => sseResponse(sseData(blocked) + sseData('[DONE]')))
      .client.generateImage(vars)
      .catch((e) => e);
    expect(NoImageGeneratedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      nativeFinishReason: 'IMAGE_SAFETY',
      finishReason: 'stop',
      text: 'I cannot draw that.',
    });
  });

  it('a stream closed before any finish is StreamTruncatedError; after a finish it is complete', async () => {
    const reads = recordedSunsetReads();
    const cut = await clientFor(() => sseResponse(chunkedBody(reads.slice(0, 4))))
      .client.generateImage(vars)
      .catch((e) => e);
    expect(StreamTruncatedError.isInstance(cut)).toBe(true);
    expect(cut.reason).toBe('closed');
    expect(cut.message).toMatch(
      /^The stream ended after \d+ bytes without a finish reason or \[DONE\]$/,
    );
    const noDone = await clientFor(() =>
      sseResponse(chunkedBody(reads.slice(0, 6))),
    ).client.generateImage(vars);
    expect(noDone.finishReason).toBe('stop');
  });

  it('a malformed event is InvalidResponseError, not a silent loss', async () => {
    const error = await clientFor(() => sseResponse('data: {"choices": [\n\n'))
      .client.generateImage(vars)
      .catch((e) => e);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect(error.message).toBe('A stream event is not valid JSON: {"choices": [');
  });

  it('refuses images above maxImageBytes', async () => {
    const fetch = fakeFetch(() => sseResponse(chunkedBody(recordedSunsetReads())));
    const error = await createLunosImageClient({ fetch, maxImageBytes: 16 })
      .generateImage(vars)
      .catch((e) => e);
    expect(error.name).toBe('ImageTooLargeError');
  });

  it('reports body progress', async () => {
    const reads = recordedSunsetReads();
    const stream = clientFor(() => sseResponse(chunkedBody(reads))).client.streamImage(vars);
    await stream.result();
    expect(stream.bytesReceived).toBe(new TextEncoder().encode(reads.join('')).byteLength);
  });
});

describe('listModels', () => {
  it('asks each dialect for image models server-side and normalizes the answer', async () => {
    const fetch = fakeFetch((call) =>
      jsonResponse(
        call.url.includes('openrouter')
          ? {
              data: [
                {
                  id: 'sourceful/riverflow-v2-pro',
                  architecture: { output_modalities: ['image'] },
                },
              ],
            }
          : [
              {
                id: 'openrouter/google/gemini-2.5-flash-image',
                outputModalities: ['image', 'text'],
              },
            ],
      ),
    );
    const lunos = await createLunosImageClient({ fetch }).listModels();
    const or = await createLunosImageClient({ fetch, dialect: 'openrouter' }).listModels({
      input: ['text', 'image'],
    });
    expect(fetch.calls.map((c) => c.url)).toEqual([
      'https://api.lunos.tech/v1/models?input=text&output=image',
      'https://openrouter.ai/api/v1/models?output_modalities=image&input_modalities=text,image',
    ]);
    expect(lunos[0]?.outputModalities).toEqual(['image', 'text']);
    expect(or[0]?.id).toBe('sourceful/riverflow-v2-pro');
  });

  it('says so when the list is not JSON', async () => {
    const fetch = fakeFetch(() => new Response('<html>', { status: 200 }));
    const error = await createLunosImageClient({ fetch })
      .listModels()
      .catch((e) => e);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
  });

  it('validation errors are raised before any request', async () => {
    const fetch = fakeFetch(() => jsonResponse({}));
    const error = await collect(
      createLunosImageClient({ fetch }).streamImage({ model: '', prompt: 'x' }),
    );
    expect(ValidationError.isInstance(error.error)).toBe(true);
    expect(fetch.calls).toHaveLength(0);
  });
});
