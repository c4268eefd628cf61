import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { encodeBase64 } from '../image/base64';
import { eventDataText, imageBytesFor } from '../sse/event-data-text';
import type { SseImageBytes, SseItem } from '../sse/sse-item';
import { parseRaw } from '../sse/test-utils/parse-sse';
import { parseEventJson } from './parse-event-json';

const base64Run = (length: number, seed = 0) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(i * 31 + seed * 7 + (i >> 5)) % 64];
  return out;
};

function imageChunk(urls: string[], extra = ''): string {
  const images = urls.map((url, index) => ({ type: 'image_url', image_url: { url }, index }));
  return JSON.stringify({
    id: 'gen-1',
    choices: [{ index: 0, delta: { content: `caption${extra}`, images }, finish_reason: null }],
  });
}

function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return String(error);
  }
  return 'no error';
}

describe('parseEventJson', () => {
  it('equals JSON.parse on small events (which go straight to it)', () => {
    const text = '{"choices":[{"delta":{"content":"Hi"}}]}';
    expect(parseEventJson(text)).toEqual(JSON.parse(text));
  });

  it('equals JSON.parse on an image chunk, with the URL handed back as a string of the input', () => {
    const url = `data:image/png;base64,${base64Run(300_000)}`;
    const text = imageChunk([url]);
    const parse = vi.spyOn(JSON, 'parse');
    const parsed = parseEventJson(text) as {
      choices: { delta: { images: { image_url: { url: string } }[] } }[];
    };
    // Only the small remainder went through JSON.parse.
    expect(parse.mock.calls.map(([input]) => input.length)).toEqual([
      text.length - url.length + '\\u0000lunos:0'.length,
    ]);
    parse.mockRestore();
    expect(parsed).toEqual(JSON.parse(text));
    expect(parsed.choices[0]!.delta.images[0]!.image_url.url === url).toBe(true);
  });

  it('restores several images, in arrays, at the root and under a __proto__ key', () => {
    const urls = [0, 1, 2].map((seed) => `data:image/webp;base64,${base64Run(40_000, seed)}`);
    const texts = [
      imageChunk(urls),
      JSON.stringify(urls),
      JSON.stringify(urls[0]),
      `{"__proto__":${JSON.stringify(urls[1])},"x":[${JSON.stringify(urls[2])}]}`,
    ];
    for (const text of texts) {
      const parsed = parseEventJson(text);
      expect(parsed).toEqual(JSON.parse(text));
      expect(Object.getPrototypeOf(parsed)).toBe(Object.getPrototypeOf(JSON.parse(text)));
    }
  });

  it('leaves escaped, keyed or placeholder-looking input to JSON.parse and still agrees', () => {
    const run = base64Run(70_000);
    const texts = [
      // escaped slash inside the URL
      `{"url":"data:image/png;base64,${run.slice(0, 100)}\\/${run.slice(100)}"}`,
      // the image string is a key
      `{"data:image/png;base64,${run}":1}`,
      // the marker appears inside another string after an escaped quote
      `{"text":"see \\"data:image/png;base64,${run}\\" here"}`,
      // the placeholder text itself in the input
      `{"a":"\\u0000lunos:0","b":"data:image/png;base64,${run}"}`,
      // unicode escapes elsewhere
      `{"a":"\\u00e9\\n","b":"data:image/png;base64,${run}"}`,
    ];
    for (const text of texts) expect(parseEventJson(text)).toEqual(JSON.parse(text));
  });

  it('throws exactly what JSON.parse throws on invalid input', () => {
    const run = base64Run(70_000);
    const texts = [
      `{"url":"data:image/png;base64,${run}"`,
      `{"url":"data:image/png;base64,${run.slice(0, 500)}\n${run.slice(500)}"}`,
      `{"url":"data:image/png;base64,${run}",}`,
      `{"a":"x""data:image/png;base64,${run}"}`,
    ];
    for (const text of texts) {
      expect(() => parseEventJson(text)).toThrow(SyntaxError);
      let message = '';
      try {
        parseEventJson(text);
      } catch (error) {
        message = String(error);
      }
      expect(message).toBe(parseError(text));
    }
  });

  it('agrees with JSON.parse on generated JSON holding large image strings', () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.nat(3).map((seed) => `data:image/png;base64,${base64Run(20_000 + seed, seed)}`),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('tree'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('tree'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(tree, (value) => {
        const text = JSON.stringify(value);
        expect(parseEventJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 150 },
    );
  });
});

describe('parseEventJson with the images an SSE parser took out', () => {
  const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 255);
  const url = `data:image/png;base64,${encodeBase64(bytes)}`;
  const sent = imageChunk([url]);

  /** The event as `createSseParser({ imageBytes: true })` hands it out for `sent`. */
  function takeOut(text: string): { data: string; images: SseImageBytes[] } {
    const items = parseRaw([`data: ${text.slice(0, 200)}`, `${text.slice(200)}\n\n`], {
      imageBytes: true,
      imageBytesMinLength: 0,
    });
    const event = items[0] as Extract<SseItem, { type: 'event' }>;
    return { data: event.data, images: [...(event.images ?? [])] };
  }

  it('keeps each ref where its image was, for the caller to resolve', () => {
    const { data, images } = takeOut(sent);
    expect(images).toHaveLength(1);
    const value = parseEventJson(data, images) as {
      choices: { delta: { images: { image_url: { url: string } }[] } }[];
    };
    const ref = value.choices[0]!.delta.images[0]!.image_url.url;
    expect(imageBytesFor(ref, images)?.parts).toEqual([bytes]);
    expect({ ...value, choices: [] }).toEqual({ ...JSON.parse(sent), choices: [] });
  });

  it('on invalid JSON throws exactly what JSON.parse throws on the data as sent', () => {
    const broken = `${sent.slice(0, -1)},}`;
    const { data, images } = takeOut(broken);
    expect(images).toHaveLength(1);
    let error: unknown;
    try {
      parseEventJson(data, images);
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).toBe(parseError(broken));
  });

  it('parses the data as sent when a ref is missing or repeated', () => {
    const { data, images } = takeOut(sent);
    const twice = JSON.stringify({ a: images[0]!.ref, b: images[0]!.ref });
    const other = { ...images[0]!, ref: `${images[0]!.ref}x` };
    expect(parseEventJson(twice, images)).toEqual(
      JSON.parse(eventDataText({ data: twice, images })),
    );
    expect(parseEventJson(twice, images)).toEqual({ a: url, b: images[0]!.ref });
    expect(parseEventJson(data, [...images, other])).toEqual(JSON.parse(sent));
    expect(parseEventJson('{"a":1}', images)).toEqual({ a: 1 });
  });
});
