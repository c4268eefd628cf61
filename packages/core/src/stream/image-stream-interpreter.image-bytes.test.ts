import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../image/base64';
import type { GeneratedImage } from '../image/generated-image';
import { makePng } from '../image/test-utils/make-test-image';
import { createSseParser, type SseParserOptions } from '../sse/create-sse-parser';
import type { SseItem } from '../sse/sse-item';
import type { ImagePolicy } from './image-stream-event';
import {
  ImageStreamInterpreter,
  type ImageStreamInterpreterOptions,
} from './image-stream-interpreter';
import { ImagesStreamInterpreter } from './images-stream-interpreter';
import type { StreamInterpreter } from './stream-interpreter';

type Wire = (options: ImageStreamInterpreterOptions) => StreamInterpreter;
const chatWire: Wire = (options) => new ImageStreamInterpreter(options);
const imagesWire: Wire = (options) => new ImagesStreamInterpreter(options);

const encoder = new TextEncoder();

/** A PNG header followed by noise: what image readers look at, at any size. */
function pngOf(byteLength: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(byteLength);
  bytes.set(makePng(64, 48));
  let state = seed;
  for (let i = 100; i < byteLength; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const chunk = (url: string, index = 0, after = '') =>
  `data: {"id":"gen-1","model":"google/gemini-2.5-flash-image","choices":[{"index":0,"delta":{"role":"assistant","content":"","images":[{"type":"image_url","image_url":{"url":"${url}"},"index":${index}}]${after}},"finish_reason":null}]}\n\n`;
const finish =
  'data: {"id":"gen-1","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';
const dataUrl = (type: string, bytes: Uint8Array) => `data:${type};base64,${encodeBase64(bytes)}`;

function summary(image: GeneratedImage) {
  let bytes: string;
  try {
    // As text: toEqual compares strings at once, arrays element by element.
    bytes = encodeBase64(image.bytes());
  } catch (error) {
    bytes = String(error);
  }
  return { json: image.toJSON(), bytes };
}

/** The stream's wire in reads of `readSize`, through the parser and the interpreter. */
function interpret(
  wire: string,
  readSize: number,
  parserOptions: SseParserOptions,
  options: ImageStreamInterpreterOptions,
  makeInterpreter: Wire,
) {
  const bytes = encoder.encode(wire);
  const interpreter = makeInterpreter(options);
  const items: SseItem[] = [];
  const parser = createSseParser((item) => items.push(item), parserOptions);
  const events: unknown[] = [];
  let taken = 0;
  try {
    for (let at = 0; at < bytes.length; at += readSize) {
      parser.feed(bytes.subarray(at, at + readSize));
      for (const item of items.splice(0)) {
        if (item.type === 'event') taken += item.images?.length ?? 0;
        for (const event of interpreter.push(item)) {
          events.push(
            event.type === 'image' || event.type === 'partial-image'
              ? { ...event, image: summary(event.image) }
              : event,
          );
        }
      }
    }
    parser.end();
    events.push(...interpreter.end(bytes.length));
    return { events, taken };
  } catch (error) {
    return { events, taken, error: { text: String(error), json: JSON.stringify(error) } };
  }
}

/** Both paths agree; returns how many images the byte path took. */
function expectSameOnBothPaths(
  wire: string,
  readSize: number,
  options: ImageStreamInterpreterOptions = {},
  makeInterpreter: Wire = chatWire,
): number {
  const expected = interpret(wire, readSize, {}, options, makeInterpreter);
  expect(expected.taken).toBe(0);
  const actual = interpret(wire, readSize, { imageBytes: true }, options, makeInterpreter);
  expect({ ...actual, taken: 0 }).toEqual(expected);
  return actual.taken;
}

const big = pngOf(200_000);

describe('createSseParser({ imageBytes }) → ImageStreamInterpreter', () => {
  it.each([1000, 4093, 16 * 1024, 64 * 1024])(
    'gives the same events as the string path, images decoded on the way (%i-byte reads)',
    (readSize) => {
      const wire = `: OPENROUTER PROCESSING\n\n${chunk(dataUrl('image/png', big))}${finish}`;
      expect(expectSameOnBothPaths(wire, readSize)).toBe(1);
    },
  );

  it('a preview then the final image, each policy', () => {
    const preview = dataUrl('image/png', pngOf(120_000, 2));
    const final = dataUrl('image/png', big);
    const wire = chunk(preview) + chunk(final) + chunk(final, 1) + chunk(final) + finish;
    for (const imagePolicy of ['replace', 'append', 'dedupe-by-url'] as ImagePolicy[]) {
      expect(expectSameOnBothPaths(wire, 16 * 1024, { imagePolicy })).toBe(4);
    }
  });

  it('dedupe-by-url also between an image that came as bytes and one that came as text', () => {
    const url = dataUrl('image/png', big);
    // The first arrives in one read (string path), the second over many (byte path).
    const first = chunk(url);
    const wire = first + chunk(url) + chunk(dataUrl('image/png', pngOf(200_000, 3))) + finish;
    const reads = [first.length, ...Array.from({ length: 40 }, () => 16 * 1024)];
    const run = (imageBytes: boolean) => {
      const interpreter = new ImageStreamInterpreter({ imagePolicy: 'dedupe-by-url' });
      const images: string[] = [];
      let taken = 0;
      const parser = createSseParser(
        (item) => {
          if (item.type === 'event') taken += item.images?.length ?? 0;
          for (const event of interpreter.push(item)) {
            if (event.type === 'image') images.push(`${event.index}:${event.image.byteLength}`);
          }
        },
        { imageBytes },
      );
      let at = 0;
      for (const size of reads) {
        parser.feed(wire.slice(at, at + size));
        at += size;
      }
      parser.feed(wire.slice(at));
      return { images, taken };
    };
    expect(run(true)).toEqual({ images: ['0:200000', '1:200000'], taken: 2 });
    expect(run(false).images).toEqual(run(true).images);
  });

  it.each([
    ['a PNG labelled JPEG', chunk(dataUrl('image/jpeg', big)), {}, 1],
    ['an SVG', chunk(dataUrl('image/svg+xml', encoder.encode('<svg/>'.repeat(20_000)))), {}, 1],
    ['no image format', chunk(dataUrl('image/png', new Uint8Array(150_000).fill(65))), {}, 1],
    [
      'an image over maxImageBytes',
      chunk(dataUrl('image/png', big)),
      { maxImageBytes: 150_000 },
      1,
    ],
    [
      'a broken character deep in the payload',
      chunk(dataUrl('image/png', big).replace(/(.{200000})./, '$1*')),
      {},
      0,
    ],
    ['invalid JSON after the image', chunk(dataUrl('image/png', big), 0, ',}'), {}, 1],
    [
      'an escaped slash in the payload',
      chunk(dataUrl('image/png', big).replace(/\//g, '\\/')),
      {},
      0,
    ],
  ] as const)('%s: the same events or errors, messages included', (_, image, options, taken) => {
    for (const readSize of [4093, 64 * 1024]) {
      expect(expectSameOnBothPaths(image + finish, readSize, options)).toBe(taken);
    }
  });
});

const partialEvent = (bytes: Uint8Array, index: number) =>
  `data: {"type":"image_generation.partial_image","partial_image_index":${index},"b64_json":"${encodeBase64(bytes)}"}\n\n`;
const completedEvent = (bytes: Uint8Array, mediaType?: string) =>
  `data: {"type":"image_generation.completed","b64_json":"${encodeBase64(bytes)}"${mediaType === undefined ? '' : `,"media_type":"${mediaType}"`},"created":1748372400,"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}\n\n`;

describe('createSseParser({ imageBytes }) → ImagesStreamInterpreter', () => {
  it.each([1000, 16 * 1024, 64 * 1024])(
    'partials and the final image give the same events as the string path (%i-byte reads)',
    (readSize) => {
      const wire =
        ': OPENROUTER PROCESSING\n\n' +
        partialEvent(pngOf(100_000, 5), 0) +
        'data: {"type":"image_generation.text_chunk","text":"a sunset","phase":"content"}\n\n' +
        partialEvent(pngOf(100_000, 6), 1) +
        completedEvent(big, 'image/png') +
        'data: [DONE]\n\n';
      expect(expectSameOnBothPaths(wire, readSize, {}, imagesWire)).toBe(3);
    },
  );

  it.each([
    ['no media_type (the bytes tell)', completedEvent(big), {}, 1],
    ['a PNG labelled JPEG', completedEvent(big, 'image/jpeg'), {}, 1],
    ['a media_type with spaces', completedEvent(big, ' image/png '), {}, 1],
    ['an image over maxImageBytes', completedEvent(big, 'image/png'), { maxImageBytes: 1000 }, 1],
    [
      'a preview past maxImagesPerAnswer',
      completedEvent(big) + partialEvent(pngOf(100_000, 7), 0),
      { maxImagesPerAnswer: 1 },
      2,
    ],
    ['no image format', completedEvent(new Uint8Array(150_000).fill(65), 'image/png'), {}, 1],
  ] as const)('%s: the same events or errors', (_, events, options, taken) => {
    for (const readSize of [4093, 64 * 1024]) {
      expect(
        expectSameOnBothPaths(`${events}data: [DONE]\n\n`, readSize, options, imagesWire),
      ).toBe(taken);
    }
  });
});
