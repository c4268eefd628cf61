import { describe, expect, it } from 'vitest';
import { InvalidImageError } from '../errors/invalid-image-error';
import { NoImageGeneratedError, StreamError, StreamTruncatedError } from '../errors/stream-errors';
import { encodeBase64 } from '../image/base64';
import { makeGif, makePng } from '../image/test-utils/make-test-image';
import type { SseItem } from '../sse/sse-item';
import { imageChunk, pngDataUrl, recordedSunsetResponse } from '../test-utils/recorded-stream';
import { chunkExamples } from '../test-utils/wire-examples';
import { foldImageStream } from './fold-image-stream';
import type { ImagePolicy, ImageStreamEvent } from './image-stream-event';
import { ImageStreamInterpreter } from './image-stream-interpreter';
import { toImageGenerationResult } from './to-image-generation-result';

const data = (json: unknown): SseItem => ({
  type: 'event',
  event: 'message',
  id: '',
  data: typeof json === 'string' ? json : JSON.stringify(json),
});
const comment: SseItem = { type: 'comment', comment: ' OPENROUTER PROCESSING' };

function run(items: SseItem[], policy?: ImagePolicy, end = true): ImageStreamEvent[] {
  const interpreter = new ImageStreamInterpreter(policy ? { imagePolicy: policy } : {});
  const events = items.flatMap((item) => interpreter.push(item));
  return end ? [...events, ...interpreter.end(0)] : events;
}

const types = (events: ImageStreamEvent[]) => events.map((e) => e.type);
const gif = `data:image/gif;base64,${encodeBase64(makeGif(1, 1))}`;
const png2 = `data:image/png;base64,${encodeBase64(makePng(2, 2))}`;

describe('ImageStreamInterpreter', () => {
  it('handles the real stream shapes: keep-alives, empty content, finish then usage repeating it', () => {
    const events = run([
      comment,
      data(chunkExamples.textDelta),
      comment,
      data(chunkExamples.textFinish),
      data(chunkExamples.textUsage),
      data('[DONE]'),
    ]);
    expect(types(events)).toEqual(['processing', 'text-delta', 'processing', 'usage', 'finish']);
    expect(events.at(-1)).toMatchObject({ reason: 'stop', nativeReason: 'completed' });
  });

  it('accepts usage with empty choices, before or after the finish', () => {
    expect(
      types(
        run([
          data(chunkExamples.usageEmptyChoices),
          data(imageChunk()),
          data(chunkExamples.finish),
        ]),
      ),
    ).toEqual(['usage', 'image', 'finish']);
  });

  it('takes images from any chunk, including the finish chunk, and several in one delta', () => {
    const finishWithImages = {
      ...chunkExamples.finish,
      choices: [
        {
          ...chunkExamples.finish.choices[0],
          delta: { images: [{ image_url: { url: pngDataUrl } }, { image_url: { url: gif } }] },
        },
      ],
    };
    const events = run([data(finishWithImages)]);
    expect(
      events
        .filter((e) => e.type === 'image')
        .map((e) => e.type === 'image' && [e.index, e.image.mimeType]),
    ).toEqual([
      [0, 'image/png'],
      [1, 'image/gif'],
    ]);
  });

  it('image policies: replace (default), append, dedupe-by-url', async () => {
    const items = [
      data(imageChunk(png2, 0)),
      data(imageChunk(pngDataUrl, 0)),
      data(imageChunk(pngDataUrl, 0)),
      data(chunkExamples.finish),
    ];
    const urls = async (policy?: ImagePolicy) =>
      (await foldImageStream(run(items, policy))).images.map((i) => i.url);
    expect(await urls()).toEqual([pngDataUrl]);
    expect(await urls('replace')).toEqual([pngDataUrl]);
    expect(await urls('append')).toEqual([png2, pngDataUrl, pngDataUrl]);
    expect(await urls('dedupe-by-url')).toEqual([png2, pngDataUrl]);
  });

  it('images without an index are distinct, never replaced by position', async () => {
    const noIndex = (url: string) => ({
      ...chunkExamples.image,
      choices: [{ index: 0, delta: { images: [{ image_url: { url } }] } }],
    });
    const result = await foldImageStream(
      run([data(noIndex(png2)), data(noIndex(pngDataUrl)), data(chunkExamples.finish)]),
    );
    expect(result.images.map((i) => i.url)).toEqual([png2, pngDataUrl]);
  });

  it('an in-band error ends the stream with an error event; later chunks are ignored', () => {
    const events = run([
      data(chunkExamples.caption),
      data(chunkExamples.inBandError),
      data(chunkExamples.caption),
    ]);
    expect(types(events)).toEqual(['text-delta', 'error']);
    const error = events[1]?.type === 'error' ? events[1].error : undefined;
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({
      code: 429,
      errorType: 'rate_limit_exceeded',
      generationId: 'gen-abc123',
    });
  });

  it('a choice error and metadata.raw are reported with the provider message', () => {
    const chunk = {
      choices: [
        {
          index: 0,
          delta: {},
          finish_reason: 'error',
          error: {
            code: 'server_error',
            message: 'Provider returned error',
            metadata: { raw: '{"error":{"message":"Quota exceeded"}}', provider_name: 'Google' },
          },
        },
      ],
    };
    const [event] = run([data(chunk)]);
    expect(event?.type === 'error' && event.error.message).toBe(
      'Provider returned error: Quota exceeded',
    );
    expect(event?.type === 'error' && event.error.code).toBe('server_error');
  });

  it('a stream without [DONE] but with a finish reason is complete; without either it is truncated', () => {
    expect(types(run([data(imageChunk()), data(chunkExamples.finish)]))).toEqual([
      'image',
      'finish',
    ]);
    expect(() => run([data(imageChunk())])).toThrow(StreamTruncatedError);
  });

  it('refuses an image that is not an image', () => {
    expect(() => run([data(imageChunk('javascript:alert(1)'))], undefined, false)).toThrow(
      InvalidImageError,
    );
    expect(() => run([data(imageChunk('data:text/html;base64,PGI+'))], undefined, false)).toThrow(
      InvalidImageError,
    );
  });

  it('ignores named events that are not chunks and retry fields', () => {
    const other: SseItem = { type: 'event', event: 'ping', data: 'x', id: '' };
    expect(run([other, { type: 'retry', retry: 100 }, data('[DONE]')])).toHaveLength(1);
  });
});

describe('foldImageStream and toImageGenerationResult', () => {
  it('give the same result for the streamed and the non-streamed answer', async () => {
    const streamed = await foldImageStream(
      run([
        comment,
        data(chunkExamples.caption),
        data(imageChunk()),
        data(chunkExamples.finish),
        data(chunkExamples.finishWithUsage),
        data('[DONE]'),
      ]),
    );
    const whole = toImageGenerationResult(recordedSunsetResponse());
    const plain = (r: typeof whole) => ({ ...r, images: r.images.map((i) => i.url) });
    expect(plain(streamed)).toEqual(plain(whole));
    expect(whole).toMatchObject({
      id: 'gen-1764926649-tF4W3t4FuuPsXb0VBWLB',
      model: 'google/gemini-2.5-flash-image',
      provider: 'Google AI Studio',
      text: 'Here is your sunset! ',
      finishReason: 'stop',
      nativeFinishReason: 'STOP',
    });
    expect(whole.usage).toMatchObject({
      promptTokens: 12,
      completionTokens: 1290,
      imageTokens: 1290,
      cost: 0.0387036,
    });
  });

  it('a run with no image is NoImageGeneratedError carrying the native reason and the text', () => {
    const blocked = {
      choices: [
        {
          index: 0,
          finish_reason: 'content_filter',
          native_finish_reason: 'IMAGE_SAFETY',
          message: { role: 'assistant', content: 'Sorry.' },
        },
      ],
    };
    expect(() => toImageGenerationResult(blocked)).toThrow(NoImageGeneratedError);
    try {
      toImageGenerationResult(blocked);
    } catch (error) {
      expect(error).toMatchObject({
        finishReason: 'content_filter',
        nativeFinishReason: 'IMAGE_SAFETY',
        text: 'Sorry.',
      });
      expect((error as Error).message).toBe(
        'No image was generated (finish reason: IMAGE_SAFETY). The model said: "Sorry."',
      );
    }
  });

  it('an error inside a 200 body is a StreamError', () => {
    expect(() =>
      toImageGenerationResult({ error: { code: 502, message: 'Provider returned error' } }),
    ).toThrow(StreamError);
  });
});
