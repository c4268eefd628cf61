import { describe, expect, it } from 'vitest';
import { ResponseTooLargeError } from '../errors/response-too-large-error';
import { NoImageGeneratedError, StreamError } from '../errors/stream-errors';
import { encodeBase64 } from '../image/base64';
import { makeGif } from '../image/test-utils/make-test-image';
import type { SseItem } from '../sse/sse-item';
import {
  finalPng,
  imagesEvent,
  imagesJsonAnswer,
  imagesUsage,
  previewPngs,
  secondPng,
  sseEvent,
} from '../test-utils/images-wire-examples';
import { chunkExamples } from '../test-utils/wire-examples';
import { foldImageStream } from './fold-image-stream';
import type { ImageGenerationResult } from './image-generation-result';
import { ImageResultAccumulator } from './image-result-accumulator';
import type { ImageUsage } from './image-stream-event';
import { ImageStreamInterpreter } from './image-stream-interpreter';
import { imagesResponseToEvents } from './images-response-to-events';
import { ImagesStreamInterpreter } from './images-stream-interpreter';
import type { StreamInterpreter } from './stream-interpreter';
import { toImageGenerationResult } from './to-image-generation-result';

const types = (events: { type: string }[]) => events.map((e) => e.type);

describe('imagesResponseToEvents', () => {
  it('one image per data[] item in its slot, then usage and finish', () => {
    const events = imagesResponseToEvents(imagesJsonAnswer([finalPng, secondPng]));
    expect(types(events)).toEqual(['image', 'image', 'usage', 'finish']);
    expect(events.map((e) => (e.type === 'image' ? [e.index, e.image.base64] : e.type))).toEqual([
      [0, finalPng],
      [1, secondPng],
      'usage',
      'finish',
    ]);
  });

  it('fewer images than n asked for are fewer slots, not an error', async () => {
    const result = await foldImageStream(imagesResponseToEvents(imagesJsonAnswer([finalPng])));
    expect(result.images).toHaveLength(1);
  });

  it('fewer images than n: the others are not made, each image priced at its share', async () => {
    const events = imagesResponseToEvents(imagesJsonAnswer([finalPng, secondPng]));
    expect(events.flatMap((e) => (e.type === 'image' ? [e.cost] : []))).toEqual([0.0055, 0.0055]);
    const accumulator = new ImageResultAccumulator({ slots: 4 });
    for (const event of events) accumulator.add(event);
    const result = accumulator.result();
    expect(result.usage?.cost).toBe(0.011);
    expect(result.slots.map((slot) => [slot.index, slot.status, slot.cost])).toEqual([
      [0, 'done', 0.0055],
      [1, 'done', 0.0055],
      [2, 'not-made', undefined],
      [3, 'not-made', undefined],
    ]);
  });

  it('an error beside images fails the slot after them; the images are kept', async () => {
    const events = imagesResponseToEvents({
      ...imagesJsonAnswer([finalPng]),
      error: { code: 502, message: 'Generation did not finish', type: 'server_error' },
    });
    expect(types(events)).toEqual(['image', 'image-error', 'usage', 'finish']);
    const failed = events[1];
    expect(failed?.type === 'image-error' && failed.index).toBe(1);
    expect(failed?.type === 'image-error' && failed.error).toMatchObject({
      code: 502,
      errorType: 'server_error',
    });
    const result = await foldImageStream(events);
    expect(result.images.map((i) => i.base64)).toEqual([finalPng]);
    expect(result.slots.map((slot) => slot.status)).toEqual(['done', 'failed']);
  });

  it('media_type is taken when given; a GIF labelled so stays a GIF', () => {
    const gif = encodeBase64(makeGif(3, 2));
    const [event] = imagesResponseToEvents({ data: [{ b64_json: gif, media_type: 'image/gif' }] });
    expect(event?.type === 'image' && [event.image.mimeType, event.image.width]).toEqual([
      'image/gif',
      3,
    ]);
  });

  it('no image folds to NoImageGeneratedError like a chat answer without one', async () => {
    const events = imagesResponseToEvents({ created: 1, data: [], usage: imagesUsage });
    expect(types(events)).toEqual(['usage', 'finish']);
    await expect(foldImageStream(events)).rejects.toThrow(NoImageGeneratedError);
  });

  it('an error inside a 200 body is a StreamError event, and nothing after it', () => {
    const events = imagesResponseToEvents({
      error: { code: 502, message: 'Generation did not finish', type: 'server_error' },
    });
    expect(types(events)).toEqual(['error']);
    const error = events[0]?.type === 'error' ? events[0].error : undefined;
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ code: 502, errorType: 'server_error' });
  });

  it('respects maxImagesPerAnswer', () => {
    expect(() =>
      imagesResponseToEvents(imagesJsonAnswer([finalPng, secondPng]), { maxImagesPerAnswer: 1 }),
    ).toThrow(ResponseTooLargeError);
  });
});

describe('the chat and the images wire fold the same picture to the same result', () => {
  const url = `data:image/png;base64,${finalPng}`;
  const chatStream: SseItem[] = [
    sseEvent({
      ...chunkExamples.image,
      choices: [{ index: 0, delta: { images: [{ type: 'image_url', image_url: { url } }] } }],
    }),
    sseEvent({ ...chunkExamples.finishWithUsage, usage: imagesUsage }),
    sseEvent('[DONE]'),
  ];
  const chatAnswer = {
    choices: [{ index: 0, finish_reason: 'stop', message: { images: [{ image_url: { url } }] } }],
    usage: imagesUsage,
  };
  const imagesStream: SseItem[] = [
    sseEvent(imagesEvent.partial(0, previewPngs[0])),
    sseEvent(imagesEvent.completed()),
    sseEvent('[DONE]'),
  ];

  const drive = (interpreter: StreamInterpreter, items: SseItem[]) => [
    ...items.flatMap((item) => interpreter.push(item)),
    ...interpreter.end(0),
  ];
  /** What must not depend on the wire: the bytes of each image, the text, the usage. */
  const essence = (r: ImageGenerationResult) => ({
    images: r.images.map((i) => [i.mimeType, i.width, i.height, [...i.bytes()]]),
    text: r.text,
    usage: r.usage as ImageUsage,
  });

  it('streamed and whole, over both wires', async () => {
    const results = [
      await foldImageStream(drive(new ImageStreamInterpreter(), chatStream)),
      toImageGenerationResult(chatAnswer),
      await foldImageStream(drive(new ImagesStreamInterpreter(), imagesStream)),
      await foldImageStream(imagesResponseToEvents(imagesJsonAnswer())),
    ].map(essence);
    for (const result of results.slice(1)) expect(result).toEqual(results[0]);
    expect(results[0]?.images).toHaveLength(1);
    expect(results[0]?.usage.cost).toBe(0.011);
  });
});
