import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseEventTooLargeError } from '../errors/sse-event-too-large-error';
import { encodeBase64 } from '../image/base64';
import type { SseParserOptions } from './create-sse-parser';
import { eventDataText, imageBytesFor } from './event-data-text';
import type { SseItem } from './sse-item';
import {
  asSent,
  bytewise,
  cutAt,
  everyCut,
  parse,
  parseRaw,
  parserPaths,
} from './test-utils/parse-sse';

const encoder = new TextEncoder();
const bytePath = { imageBytes: true, imageBytesMinLength: 0 } as const;

function noise(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** 300 bytes: 400 base64 characters, no padding; 301 and 302 bytes end with `==` and `=`. */
const payload = encodeBase64(noise(300));
const padded1 = encodeBase64(noise(301, 2));
const padded2 = encodeBase64(noise(302, 3));

const chat = (url: string, after = '') =>
  `data: {"id":"gen-1","choices":[{"index":0,"delta":{"role":"assistant","content":"","images":[{"type":"image_url","image_url":{"url":"${url}"},"index":0}]${after}}}]}\n\n`;
const png = (base64: string) => `data:image/png;base64,${base64}`;
const partial = (base64: string) =>
  `data: {"type":"image_generation.partial_image","partial_image_index":0,"b64_json":"${base64}"}\n\n`;

interface ImageVector {
  name: string;
  input: string;
  /** How many images the byte path takes when the stream arrives one byte per read. */
  taken: number;
}

const vectors: ImageVector[] = [
  { name: 'a chat data URL', input: chat(png(payload)), taken: 1 },
  { name: 'padding ==', input: chat(png(padded1)), taken: 1 },
  { name: 'padding =', input: chat(png(padded2)), taken: 1 },
  { name: 'an Images API b64_json', input: partial(padded1), taken: 1 },
  {
    name: 'two images in one delta, then two events',
    input:
      `data: {"choices":[{"delta":{"images":[{"image_url":{"url":"${png(payload)}"}},{"image_url":{"url":"${png(padded2)}"}}]}}]}\n\n` +
      `event: image\nid: 7\r\ndata: {"b64_json":"${padded1}","media_type":"image/png"}\r\n\r\n`,
    taken: 3,
  },
  {
    name: 'escapes, long names and a long string before the image',
    input: `data: {"content":"a \\" b \\\\","a_very_long_member_name":["\\\\\\"",{"x":"y"}],"note":"${'z'.repeat(500)}","choices":[{"delta":{"images":[{"image_url":{"url":"${png(payload)}"}}]}}]}\n\n`,
    taken: 1,
  },
  { name: 'an empty payload', input: chat(png('')), taken: 1 },
  {
    name: 'a \\/ escape in the header',
    input: chat(`data:image\\/png;base64,${payload}`),
    taken: 0,
  },
  {
    name: 'a \\/ escape in the payload',
    input: chat(png(`${payload.slice(0, 200)}\\/${payload.slice(200)}`)),
    taken: 0,
  },
  {
    name: 'a \\u002b escape in the payload',
    input: chat(png(`${payload.slice(0, 201)}\\u002b${payload.slice(201)}`)),
    taken: 0,
  },
  {
    name: 'a character outside base64 in the payload',
    input: chat(png(`${payload.slice(0, 150)}*${payload.slice(151)}`)),
    taken: 0,
  },
  {
    name: 'the URL-safe alphabet',
    input: chat(png(`${payload.slice(0, 150)}-_${payload.slice(152)}`)),
    taken: 0,
  },
  {
    name: 'whitespace in the payload',
    input: chat(png(`${payload.slice(0, 150)} \t${payload.slice(150)}`)),
    taken: 0,
  },
  {
    name: 'non-ASCII in the payload',
    input: chat(png(`${payload.slice(0, 150)}é😀${payload.slice(150)}`)),
    taken: 0,
  },
  {
    name: 'padding before the end',
    input: chat(png(`${padded1}${payload}`)),
    taken: 0,
  },
  { name: 'no padding', input: chat(png(padded1.replace(/=+$/, ''))), taken: 0 },
  {
    name: 'bits set after the last byte',
    input: chat(png(`${payload}QR==`)),
    taken: 0,
  },
  { name: 'a lone last character', input: chat(png(`${payload}Q`)), taken: 0 },
  { name: 'an upper-case label', input: chat(`data:image/PNG;base64,${payload}`), taken: 0 },
  {
    name: 'a data URL that is not in images[].image_url',
    input: `data: {"image_url":{"url":"${png(payload)}"},"url":"${png(payload)}"}\n\n`,
    taken: 0,
  },
  {
    name: 'an escaped member name',
    input: `data: {"choices":[{"delta":{"images":[{"image_url":{"\\u0075rl":"${png(payload)}"}}]}}]}\n\n`,
    taken: 0,
  },
  {
    name: 'an image on the second data line of an event',
    input: `data: {"a":1,\ndata: "b64_json":"${payload}"}\n\n`,
    taken: 0,
  },
  {
    name: 'a line end inside the image string',
    input: `data: {"b64_json":"${payload.slice(0, 100)}\ndata: ${payload.slice(100)}"}\n\n`,
    taken: 0,
  },
  {
    name: 'invalid JSON after the image',
    input: chat(png(payload), ',}'),
    taken: 1,
  },
  {
    name: 'an event cut off in the middle of an image',
    input: `${partial(payload)}data: {"b64_json":"${payload.slice(0, 222)}`,
    taken: 1,
  },
];

const imagesOf = (items: SseItem[]) =>
  items.flatMap((item) => (item.type === 'event' ? (item.images ?? []) : []));

describe.each(parserPaths)('createSseParser image vectors, $path', ({ options }) => {
  describe.each(vectors)('$name', ({ input }) => {
    const whole = encoder.encode(input);
    const expected = parse([whole]);

    it('cut at every byte position', () => {
      for (const [cut, reads] of everyCut(whole)) {
        expect(parse(reads, options), `cut at ${cut}`).toEqual(expected);
      }
    });

    it('one byte per read, and as text one character per read', () => {
      expect(parse(bytewise(whole), options)).toEqual(expected);
      expect(parse(Array.from(input), options)).toEqual(expected);
    });
  });
});

describe('createSseParser imageBytes', () => {
  it.each(vectors)(
    'takes exactly the images it can give back exactly: $name',
    ({ input, taken }) => {
      const items = parseRaw(bytewise(encoder.encode(input)), bytePath);
      expect(imagesOf(items)).toHaveLength(taken);
    },
  );

  it('hands out the decoded bytes, and refs in data that JSON.parse reads as strings', () => {
    const input = chat(png(payload)) + partial(padded1) + chat(png(padded2), ',"content":"done"');
    // A cut inside each payload: a line that arrives whole is never looked at.
    const cuts = [payload, padded1, padded2].map(
      (text, i) => encoder.encode(input.slice(0, input.indexOf(text, i * 500) + 10)).length,
    );
    const items = parseRaw(cutAt(encoder.encode(input), cuts), bytePath);
    const events = items.filter((item) => item.type === 'event');
    expect(events).toHaveLength(3);
    const [first, second, third] = events.map((event) => {
      const json = JSON.parse(event.data);
      return { json, images: event.images ?? [] };
    });
    const url = first!.json.choices[0].delta.images[0].image_url.url;
    expect(imageBytesFor(url, first!.images)).toEqual({
      ref: url,
      mediaType: 'image/png',
      parts: [noise(300)],
    });
    expect(url).not.toContain(payload.slice(0, 20));
    expect(imageBytesFor(second!.json.b64_json, second!.images)).toMatchObject({
      mediaType: undefined,
      parts: [noise(301, 2)],
    });
    expect(third!.json.choices[0].delta.content).toBe('done');
    // Every ref is its own, even across events.
    const refs = [first, second, third].map((event) => event!.images[0]!.ref);
    expect(new Set(refs).size).toBe(3);
    // And the data as sent comes back.
    expect(asSent(items)).toEqual(parse([input]));
  });

  it('takes a line only once it reaches imageBytesMinLength', () => {
    const input = encoder.encode(chat(png(payload)));
    const reads = [input.subarray(0, 300), input.subarray(300)];
    expect(imagesOf(parseRaw(reads, { imageBytes: true }))).toHaveLength(0);
    expect(imagesOf(parseRaw(reads, { imageBytes: true, imageBytesMinLength: 300 }))).toHaveLength(
      1,
    );
    expect(imagesOf(parseRaw(reads, { imageBytes: true, imageBytesMinLength: 301 }))).toHaveLength(
      0,
    );
    expect(() => parseRaw(reads, { imageBytes: true, imageBytesMinLength: -1 })).toThrow(
      RangeError,
    );
  });

  it('leaves a line with too much structure or nesting to the string path', () => {
    const numbers = `[${'1,'.repeat(600_000)}1]`;
    const deep = `${'['.repeat(40)}1${']'.repeat(40)}`;
    for (const [before, taken] of [
      [numbers, 0],
      [deep, 0],
      ['[1,2,3]', 1],
    ] as const) {
      const input = encoder.encode(`data: {"n":${before},"b64_json":"${padded1}"}\n\n`);
      const reads = cutAt(
        input,
        Array.from({ length: 40 }, (_, i) => Math.round((i * input.length) / 40)),
      );
      const items = parseRaw(reads, bytePath);
      expect(imagesOf(items)).toHaveLength(taken);
      expect(asSent(items)).toEqual(parse([input]));
    }
  });

  it('gives back the data of an event the parser took images from, byte for byte', () => {
    const input = chat(png(padded2), ',"note":"\\u0000lunos-image:x:0"');
    const items = parseRaw(bytewise(encoder.encode(input)), bytePath);
    const event = items[0] as Extract<SseItem, { type: 'event' }>;
    expect(event.images).toHaveLength(1);
    expect(eventDataText(event)).toBe(input.slice('data: '.length, -2));
  });
});

/** Items, or the error and the items before it. */
function run(chunks: Uint8Array[], options: SseParserOptions) {
  const items: SseItem[] = [];
  try {
    items.push(...parseRaw(chunks, options));
    return { items: asSent(items), error: undefined };
  } catch (error) {
    expect(SseEventTooLargeError.isInstance(error)).toBe(true);
    const { maxEventBytes, bufferedBytes } = error as SseEventTooLargeError;
    return { items: asSent(items), error: { maxEventBytes, bufferedBytes } };
  }
}

describe('createSseParser imageBytes: maxEventBytes counts what arrived', () => {
  it('fails at the same read, with the same count, on both paths', () => {
    const input = encoder.encode(`${chat(png(payload))}${partial(padded1)}`);
    for (const maxEventBytes of [100, 300, 499, 500, 501, 520, 600]) {
      for (const size of [1, 7, 64, 333]) {
        const reads = cutAt(
          input,
          Array.from({ length: Math.ceil(input.length / size) }, (_, i) => i * size),
        );
        expect(run(reads, { ...bytePath, maxEventBytes }), `${maxEventBytes}/${size}`).toEqual(
          run(reads, { maxEventBytes }),
        );
      }
    }
  });
});

const base64Text = fc
  .uint8Array({ maxLength: 120 })
  .map((bytes) => encodeBase64(bytes))
  .chain((text) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(text) },
      // A corruption anywhere: escapes, line ends, quotes, other alphabets, stray padding.
      fc
        .tuple(
          fc.nat(text.length),
          fc.constantFrom(
            '\\/',
            '\\u002b',
            '\\"',
            '\n',
            '\r',
            '"',
            '=',
            '==',
            '-',
            ' ',
            'é',
            '😀',
            'Q',
          ),
        )
        .map(([at, insert]) => text.slice(0, at) + insert + text.slice(at)),
      fc.constant(text.replace(/=+$/, '')),
    ),
  );

const imageEvent = fc
  .tuple(
    fc.constantFrom('chat', 'b64', 'root-url'),
    base64Text,
    fc.constantFrom('', ',"content":"x"', ',"t":"\\\\"', ',}'),
    fc.constantFrom('\n\n', '\r\n\r\n', '\r\r', '\n: ping\n\n', ''),
  )
  .map(([shape, base64, after, end]) => {
    if (shape === 'chat') return chat(png(base64), after).slice(0, -2) + end;
    if (shape === 'b64') return `data: {"b64_json":"${base64}"${after}}${end}`;
    return `data: {"url":"${png(base64)}"${after}}${end}`;
  });

describe('createSseParser imageBytes: any image stream, any chunking', () => {
  it('agrees with the string path on items, errors and their counts', () => {
    fc.assert(
      fc.property(
        fc.array(imageEvent, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.nat(60),
        fc.option(fc.integer({ min: 40, max: 400 })),
        (events, positions, minLength, maxEventBytes) => {
          const bytes = encoder.encode(events.join(''));
          const limit = maxEventBytes === null ? {} : { maxEventBytes };
          const reads = cutAt(bytes, positions);
          const expected = run(reads, limit);
          expect(
            run(reads, { ...limit, imageBytes: true, imageBytesMinLength: minLength }),
          ).toEqual(expected);
          expect(run(bytewise(bytes), { ...limit, ...bytePath })).toEqual(
            run(bytewise(bytes), limit),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
