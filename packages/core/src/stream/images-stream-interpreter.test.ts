import { describe, expect, it } from 'vitest';
import { ImageTooLargeError } from '../errors/image-too-large-error';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { ResponseTooLargeError } from '../errors/response-too-large-error';
import { NoImageGeneratedError, StreamError, StreamTruncatedError } from '../errors/stream-errors';
import { decodeBase64, encodeBase64 } from '../image/base64';
import { makeJpegHeader } from '../image/test-utils/make-test-image';
import type { SseItem } from '../sse/sse-item';
import {
  finalPng,
  imagesEvent,
  imagesUsage,
  previewPngs,
  secondPng,
  sseEvent,
} from '../test-utils/images-wire-examples';
import { foldImageStream } from './fold-image-stream';
import { ImageResultAccumulator } from './image-result-accumulator';
import type { ImageStreamEvent } from './image-stream-event';
import type { ImageStreamInterpreterOptions } from './image-stream-interpreter';
import { ImagesStreamInterpreter } from './images-stream-interpreter';

const comment: SseItem = { type: 'comment', comment: ' OPENROUTER PROCESSING' };
const done = sseEvent('[DONE]');

function run(
  items: SseItem[],
  options: ImageStreamInterpreterOptions = {},
  end = true,
): ImageStreamEvent[] {
  const interpreter = new ImagesStreamInterpreter(options);
  const events = items.flatMap((item) => interpreter.push(item));
  return end ? [...events, ...interpreter.end(0)] : events;
}

/** Each event as a short string: its type, slot and partial index. */
const shape = (events: ImageStreamEvent[]) =>
  events.map((e) =>
    e.type === 'partial-image'
      ? `partial ${e.index}.${e.partialIndex}`
      : e.type === 'image'
        ? `image ${e.index}`
        : e.type,
  );

describe('ImagesStreamInterpreter', () => {
  it('a streamed OpenAI image: keep-alive, two previews, reasoning skipped, completed, [DONE]', () => {
    const events = run([
      comment,
      sseEvent(imagesEvent.partial(0)),
      sseEvent(imagesEvent.text('planning the layout', 'reasoning')),
      sseEvent(imagesEvent.partial(1)),
      sseEvent(imagesEvent.completed()),
      done,
    ]);
    expect(shape(events)).toEqual([
      'processing',
      'partial 0.0',
      'partial 0.1',
      'image 0',
      'usage',
      'finish',
    ]);
    const [, first, second, final, usage] = events;
    expect(first?.type === 'partial-image' && first.image.width).toBe(8);
    expect(second?.type === 'partial-image' && second.image.base64).toBe(previewPngs[1]);
    expect(final?.type === 'image' && [final.image.width, final.image.height]).toEqual([32, 18]);
    expect(final?.type === 'image' && final.image.bytes()).toEqual(decodeBase64(finalPng));
    expect(usage?.type === 'usage' && usage.usage).toMatchObject({
      promptTokens: 16,
      completionTokens: 272,
      imageTokens: 272,
      cost: 0.011,
      raw: imagesUsage,
    });
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: null,
      nativeReason: null,
      id: undefined,
      model: undefined,
      provider: undefined,
    });
  });

  it('n = 2: each image has its slot, previews go to the slot being made', async () => {
    const items = [
      sseEvent(imagesEvent.partial(0)),
      sseEvent(imagesEvent.completed(finalPng, null)),
      sseEvent(imagesEvent.partial(0)),
      sseEvent(imagesEvent.partial(1)),
      sseEvent(imagesEvent.completed(secondPng)),
      done,
    ];
    const events = run(items);
    expect(shape(events)).toEqual([
      'partial 0.0',
      'image 0',
      'partial 1.0',
      'partial 1.1',
      'image 1',
      'usage',
      'finish',
    ]);
    // Folded: a slot shows its latest preview until its image arrives, then only the image.
    const accumulator = new ImageResultAccumulator();
    const seen: number[][] = [];
    for (const event of events) {
      accumulator.add(event);
      seen.push(accumulator.partials.flatMap((p, slot) => (p ? [slot, p.partialIndex] : [])));
    }
    expect(seen).toEqual([[0, 0], [], [1, 0], [1, 1], [], [], []]);
    const result = await foldImageStream(events);
    expect(result.images.map((i) => i.base64)).toEqual([finalPng, secondPng]);
    expect(result.usage?.cost).toBe(0.011);
  });

  it('an in-band error event: a StreamError with its code and type; the rest is ignored', () => {
    const interpreter = new ImagesStreamInterpreter();
    const events = [
      ...interpreter.push(sseEvent(imagesEvent.partial(0))),
      ...interpreter.push(sseEvent(imagesEvent.error)),
      ...interpreter.push(sseEvent(imagesEvent.completed())),
      ...interpreter.push(done),
    ];
    expect(shape(events)).toEqual(['partial 0.0', 'error']);
    expect(interpreter.done).toBe(true);
    expect(interpreter.end(10)).toEqual([]);
    const error = events[1]?.type === 'error' ? events[1].error : undefined;
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({
      message: 'Generation failed',
      code: 'server_error',
      errorType: 'server_error',
    });
  });

  it('one failed image of n: the error ends the slot being made, the images that came are kept and priced', async () => {
    // n = 4: two images complete (usage so far 0.011, then 0.022), then an error, then [DONE].
    const usageAt = (cost: number) => ({ ...imagesUsage, cost });
    const events = run([
      sseEvent(imagesEvent.partial(0)),
      sseEvent(imagesEvent.completed(finalPng, usageAt(0.011))),
      sseEvent(imagesEvent.completed(secondPng, usageAt(0.022))),
      sseEvent(imagesEvent.partial(0)),
      sseEvent(imagesEvent.error),
      done,
    ]);
    expect(shape(events)).toEqual([
      'partial 0.0',
      'image 0',
      'usage',
      'image 1',
      'usage',
      'partial 2.0',
      'image-error',
      'finish',
    ]);
    const costs = events.flatMap((e) => (e.type === 'image' ? [e.cost] : []));
    expect(costs).toEqual([0.011, 0.011]);
    const failed = events.find((e) => e.type === 'image-error');
    expect(failed?.type === 'image-error' && failed.index).toBe(2);
    expect(failed?.type === 'image-error' && failed.error).toBeInstanceOf(StreamError);
    expect(failed?.type === 'image-error' && failed.error).toMatchObject({
      message: 'Generation failed',
      code: 'server_error',
    });

    const accumulator = new ImageResultAccumulator({ slots: 4 });
    for (const event of events) accumulator.add(event);
    const result = accumulator.result();
    expect(result.images.map((i) => i.base64)).toEqual([finalPng, secondPng]);
    expect(result.usage?.cost).toBe(0.022);
    expect(result.slots.map((slot) => [slot.status, slot.cost])).toEqual([
      ['done', 0.011],
      ['done', 0.011],
      ['failed', undefined],
      ['not-made', undefined],
    ]);
    expect(result.slots[2]?.error).toBe(failed?.type === 'image-error' && failed.error);
    expect(result.slots[2]?.partial).toBeUndefined();
    // The same through the fold the client uses: a success, not the error.
    await expect(foldImageStream(events)).resolves.toMatchObject({ images: result.images });
  });

  it('an image completed after a failed slot takes the next slot', () => {
    const events = run([
      sseEvent(imagesEvent.completed(finalPng)),
      sseEvent(imagesEvent.error),
      sseEvent(imagesEvent.partial(0)),
      sseEvent(imagesEvent.completed(secondPng)),
      done,
    ]);
    expect(shape(events)).toEqual([
      'image 0',
      'usage',
      'image-error',
      'partial 2.0',
      'image 2',
      'usage',
      'finish',
    ]);
    const accumulator = new ImageResultAccumulator({ slots: 3 });
    for (const event of events) accumulator.add(event);
    expect(accumulator.slots.map((slot) => slot.status)).toEqual(['done', 'failed', 'done']);
    expect(accumulator.result().images.map((i) => i.base64)).toEqual([finalPng, secondPng]);
  });

  it('an error object without a type, as the chat route sends it, is an error too', () => {
    const [event] = run([sseEvent({ error: { code: 502, message: 'Provider returned error' } })]);
    expect(event?.type === 'error' && event.error.code).toBe(502);
  });

  it('skips unknown event types and foreign named events; takes events named after their type', () => {
    const events = run([
      sseEvent({ type: 'image_generation.progress', percent: 40 }),
      sseEvent('not json at all', 'ping'),
      { type: 'retry', retry: 1000 },
      sseEvent(imagesEvent.completed(), 'image_generation.completed'),
      sseEvent('[DONE]'),
    ]);
    expect(shape(events)).toEqual(['image 0', 'usage', 'finish']);
  });

  it('text-only: content text, no image, [DONE] folds to NoImageGeneratedError with the text', async () => {
    const events = run([
      sseEvent(imagesEvent.text('draft', 'draft')),
      sseEvent(imagesEvent.text('I cannot draw that. ', 'content')),
      sseEvent(imagesEvent.text('Try a landscape.')),
      done,
    ]);
    expect(shape(events)).toEqual(['text-delta', 'text-delta', 'finish']);
    const error = await foldImageStream(events).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoImageGeneratedError);
    expect((error as NoImageGeneratedError).text).toBe('I cannot draw that. Try a landscape.');
  });

  it('[DONE] missing: complete after an image, truncated before one', () => {
    expect(shape(run([sseEvent(imagesEvent.completed())]))).toEqual(['image 0', 'usage', 'finish']);
    const interpreter = new ImagesStreamInterpreter();
    interpreter.push(sseEvent(imagesEvent.partial(0)));
    expect(interpreter.finished).toBe(false);
    expect(() => interpreter.end(1234)).toThrow(StreamTruncatedError);
    expect(() => new ImagesStreamInterpreter().end(0)).toThrow(
      'The stream ended after 0 bytes without a completed image or [DONE]',
    );
  });

  it('a JPEG without media_type is typed from its bytes, not called a PNG', () => {
    const jpeg = encodeBase64(makeJpegHeader(64, 48));
    const [event] = run([sseEvent(imagesEvent.completed(jpeg))], {}, false);
    expect(event?.type === 'image' && [event.image.mimeType, event.image.warnings]).toEqual([
      'image/jpeg',
      [],
    ]);
  });

  it('bad JSON names the event (redacted); a known type of the wrong shape is refused', () => {
    const secret = ['sk', 'or', 'v1', 'a'.repeat(64)].join('-');
    const redact = (text: string) => text.replaceAll(secret, '[key]');
    expect(() => run([sseEvent(`{"type": "${secret}`)], { redact })).toThrow(
      `A stream event is not valid JSON: {"type": "[key]`,
    );
    expect(() =>
      run([sseEvent({ type: 'image_generation.completed', b64_json: 42 })], {}, false),
    ).toThrow(InvalidResponseError);
  });

  it('respects maxImageBytes and maxImagesPerAnswer, previews included', () => {
    expect(() => run([sseEvent(imagesEvent.partial(0))], { maxImageBytes: 10 }, false)).toThrow(
      ImageTooLargeError,
    );
    const items = [sseEvent(imagesEvent.completed()), sseEvent(imagesEvent.partial(0))];
    expect(() => run(items, { maxImagesPerAnswer: 1 }, false)).toThrow(ResponseTooLargeError);
    expect(() =>
      run(
        [sseEvent(imagesEvent.completed()), sseEvent(imagesEvent.completed(secondPng))],
        { maxImagesPerAnswer: 1 },
        false,
      ),
    ).toThrow(ResponseTooLargeError);
  });
});
