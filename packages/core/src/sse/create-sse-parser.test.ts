import { describe, expect, it } from 'vitest';
import { SseEventTooLargeError } from '../errors/sse-event-too-large-error';
import { createSseParser } from './create-sse-parser';
import type { SseItem } from './sse-item';
import { bytewise, everyCut, parse, parserPaths } from './test-utils/parse-sse';

const encoder = new TextEncoder();

const event = (data: string, rest: { event?: string; id?: string } = {}): SseItem => ({
  type: 'event',
  event: rest.event ?? 'message',
  data,
  id: rest.id ?? '',
});
const comment = (text: string): SseItem => ({ type: 'comment', comment: text });
const retry = (ms: number): SseItem => ({ type: 'retry', retry: ms });

const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const encoded = parts.map((part) =>
    typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part),
  );
  const out = new Uint8Array(encoded.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of encoded) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/** One rule of the WHATWG event-stream parsing algorithm, as input and the items it must give. */
interface ConformanceCase {
  rule: string;
  input: string | Uint8Array;
  expected: SseItem[];
}

const cases: ConformanceCase[] = [
  { rule: 'LF ends lines', input: 'data: a\n\n', expected: [event('a')] },
  { rule: 'CR ends lines', input: 'data: a\r\r', expected: [event('a')] },
  { rule: 'CRLF ends lines', input: 'data: a\r\n\r\n', expected: [event('a')] },
  {
    rule: 'line ends may be mixed in one stream',
    input: 'data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r',
    expected: [event('a\nb\nc'), event('d')],
  },
  {
    rule: 'CR then CRLF is a line end and a blank line, not two blank lines',
    input: 'data: a\r\r\ndata: b\n\n',
    expected: [event('a'), event('b')],
  },
  {
    rule: 'LF then CR is two line ends',
    input: 'data: a\n\rdata: b\n\n',
    expected: [event('a'), event('b')],
  },
  { rule: 'a leading BOM is ignored', input: '\uFEFFdata: a\n\n', expected: [event('a')] },
  {
    rule: 'a leading BOM as raw bytes is ignored',
    input: bytes([0xef, 0xbb, 0xbf], 'data: a\n\n'),
    expected: [event('a')],
  },
  {
    rule: 'only one leading BOM is ignored: a second one starts the field name',
    input: '\uFEFF\uFEFFdata: a\n\ndata: b\n\n',
    expected: [event('b')],
  },
  {
    rule: 'a BOM after the start is data',
    input: 'data: a\n\n\uFEFFdata: b\n\ndata: \uFEFFc\n\n',
    expected: [event('a'), event('\uFEFFc')],
  },
  {
    rule: 'comments are reported verbatim after the colon',
    input: ': OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n:\n::x\ndata: a\n\n',
    expected: [
      comment(' OPENROUTER PROCESSING'),
      comment(' OPENROUTER PROCESSING'),
      comment(''),
      comment(':x'),
      event('a'),
    ],
  },
  {
    rule: 'a comment inside an event does not end it',
    input: 'data: a\n: keep-alive\ndata: b\n\n',
    expected: [comment(' keep-alive'), event('a\nb')],
  },
  {
    rule: 'data lines are joined with LF, empty ones included',
    input: 'data: a\ndata: b\ndata\ndata:\ndata: c\n\n',
    expected: [event('a\nb\n\n\nc')],
  },
  {
    rule: 'a data line with an empty value dispatches an empty event',
    input: 'data:\n\n',
    expected: [event('')],
  },
  { rule: 'a field with no colon has an empty value', input: 'data\n\n', expected: [event('')] },
  {
    rule: 'one leading space is stripped from the value, no more, no other whitespace',
    input: 'data:  two\n\ndata:none\n\ndata:\ttab\n\ndata: \n\n',
    expected: [event(' two'), event('none'), event('\ttab'), event('')],
  },
  {
    rule: 'values keep colons after the first',
    input: 'data: a:b\n\ndata:: x\n\n',
    expected: [event('a:b'), event(': x')],
  },
  {
    rule: 'event sets the type of the next dispatch only',
    input: 'event: image\ndata: 1\n\ndata: 2\n\n',
    expected: [event('1', { event: 'image' }), event('2')],
  },
  {
    rule: 'an empty event field means message',
    input: 'event:\ndata: 1\n\nevent\ndata: 2\n\n',
    expected: [event('1'), event('2')],
  },
  {
    rule: 'an event without data is not dispatched and its type is forgotten',
    input: 'event: x\n\ndata: y\n\n\n\n',
    expected: [event('y')],
  },
  {
    rule: 'id sets the last event ID, which persists across events',
    input: 'id: 1\ndata: a\n\ndata: b\n\nid: 2\n\ndata: c\n\nid\ndata: d\n\n',
    expected: [
      event('a', { id: '1' }),
      event('b', { id: '1' }),
      event('c', { id: '2' }),
      event('d'),
    ],
  },
  {
    rule: 'an id containing NUL is ignored',
    input: 'id: 7\ndata: a\n\nid: 8\u00009\ndata: b\n\n',
    expected: [event('a', { id: '7' }), event('b', { id: '7' })],
  },
  {
    rule: 'retry takes ASCII digits only',
    input:
      'retry: 3000\nretry: 3s\nretry: -1\nretry: 1.5\nretry:\nretry:  100\nretry: 0\ndata: a\n\n',
    expected: [retry(3000), retry(0), event('a')],
  },
  {
    rule: 'unknown fields and wrongly cased names are ignored',
    input: 'foo: bar\nDATA: x\nData: y\nretrying: 5\ndata: a\n\nverylongfieldname\n\n',
    expected: [event('a')],
  },
  {
    rule: 'an unterminated last event is discarded',
    input: 'data: a\n\ndata: b\n',
    expected: [event('a')],
  },
  {
    rule: 'an unterminated last line is not processed at all',
    input: 'data: a\n\n: not reported\nretry: 5\ndata: b',
    expected: [event('a'), comment(' not reported'), retry(5)],
  },
  {
    rule: 'UTF-8 characters of every length survive any split',
    input: 'data: héllo wörld € 日本 😀\n\nevent: ñ\ndata: 🎨\n\n',
    expected: [event('héllo wörld € 日本 😀'), event('🎨', { event: 'ñ' })],
  },
  {
    rule: 'invalid UTF-8 becomes U+FFFD exactly as a streaming decoder does',
    input: bytes(
      'data: a',
      [0xff],
      'b',
      [0xe2, 0x82],
      'c',
      [0xe0, 0x80],
      'd',
      [0xf0, 0x9f, 0x98],
      '\n\n',
    ),
    expected: [event('a\uFFFDb\uFFFDc\uFFFD\uFFFDd\uFFFD')],
  },
  {
    rule: 'an incomplete character at the end of the stream does not leak into anything',
    input: bytes('data: a\n\ndata: b', [0xf0, 0x9f]),
    expected: [event('a')],
  },
  {
    rule: 'an OpenRouter stream: keep-alives, chunks, [DONE]',
    input:
      ': OPENROUTER PROCESSING\n\ndata: {"choices":[{"delta":{"content":"Hi"}}]}\n\n: OPENROUTER PROCESSING\n\ndata: {"choices":[{"delta":{"images":[{"image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}}]}\n\ndata: [DONE]\n\n',
    expected: [
      comment(' OPENROUTER PROCESSING'),
      event('{"choices":[{"delta":{"content":"Hi"}}]}'),
      comment(' OPENROUTER PROCESSING'),
      event(
        '{"choices":[{"delta":{"images":[{"image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}}]}',
      ),
      event('[DONE]'),
    ],
  },
];

function asBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? encoder.encode(input) : input;
}

describe.each(parserPaths)('createSseParser: WHATWG conformance, $path', ({ options }) => {
  describe.each(cases)('$rule', ({ input, expected }) => {
    const whole = asBytes(input);

    it('in one read', () => {
      expect(parse([whole], options)).toEqual(expected);
      if (typeof input === 'string') expect(parse([input], options)).toEqual(expected);
    });

    it('cut at every byte position', () => {
      for (const [cut, reads] of everyCut(whole)) {
        expect(parse(reads, options), `cut at ${cut}`).toEqual(expected);
      }
    });

    it('one byte per read', () => {
      expect(parse(bytewise(whole), options)).toEqual(expected);
    });

    it('as text cut at every position', () => {
      if (typeof input !== 'string') return;
      for (const [cut, reads] of everyCut(input)) {
        expect(parse(reads, options), `cut at ${cut}`).toEqual(expected);
      }
    });
  });
});

describe('createSseParser', () => {
  it('reports items as soon as their line ends arrive', () => {
    const items: SseItem[] = [];
    const parser = createSseParser((item) => items.push(item));
    parser.feed(': ping\ndata: a\n');
    expect(items).toEqual([comment(' ping')]);
    parser.feed('\n');
    expect(items).toEqual([comment(' ping'), event('a')]);
  });

  it('takes typed arrays from another realm and other views of bytes', () => {
    const data = encoder.encode('data: x\n\n');
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    expect(parse([view as unknown as Uint8Array])).toEqual([event('x')]);
    expect(() => parse([42 as unknown as string])).toThrow(TypeError);
  });

  it('end() discards the pending event and readies the parser for a new stream', () => {
    const items: SseItem[] = [];
    const parser = createSseParser((item) => items.push(item));
    parser.feed('id: 1\ndata: lost\n');
    parser.end();
    parser.feed('\uFEFFdata: b\n\n');
    expect(items).toEqual([event('b')]);
  });

  it('reset() forgets the last event ID and any partial line', () => {
    const items: SseItem[] = [];
    const parser = createSseParser((item) => items.push(item));
    parser.feed('id: 1\ndata: a\n\ndata: par');
    parser.reset();
    parser.feed('data: b\n\n');
    expect(items).toEqual([event('a', { id: '1' }), event('b')]);
  });

  it('a callback that throws leaves the parser able to go on', () => {
    let calls = 0;
    const parser = createSseParser(() => {
      calls++;
      if (calls === 1) throw new Error('consumer failed');
    });
    expect(() => parser.feed('data: a\n\n')).toThrow('consumer failed');
    parser.feed('data: b\n\n');
    expect(calls).toBe(2);
  });

  it('rejects a non-positive maxEventBytes', () => {
    expect(() => createSseParser(() => {}, { maxEventBytes: 0 })).toThrow(RangeError);
  });
});

describe('createSseParser: maxEventBytes', () => {
  it('stops an event that grows past the limit across reads, with a typed error', () => {
    const items: SseItem[] = [];
    const parser = createSseParser((item) => items.push(item), { maxEventBytes: 100 });
    parser.feed('data: small\n\ndata: ');
    let error: unknown;
    try {
      for (let i = 0; i < 20; i++) parser.feed('xxxxxxxxxx');
    } catch (caught) {
      error = caught;
    }
    expect(SseEventTooLargeError.isInstance(error)).toBe(true);
    expect((error as SseEventTooLargeError).maxEventBytes).toBe(100);
    expect((error as SseEventTooLargeError).bufferedBytes).toBeGreaterThan(100);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'SseEventTooLargeError',
      maxEventBytes: 100,
    });
    expect(items).toEqual([event('small')]);
    // The stream is over until reset: the rest of the giant line must not parse as new lines.
    expect(() => parser.feed('\n\n')).toThrow(SseEventTooLargeError);
    parser.reset();
    parser.feed('data: again\n\n');
    expect(items).toEqual([event('small'), event('again')]);
  });

  it('counts the data lines of one event together, even when each arrives whole', () => {
    const lines = 'data: 0123456789\n'.repeat(10);
    expect(() => parse([lines], { maxEventBytes: 100 })).toThrow(SseEventTooLargeError);
    expect(parse([`${lines}\n`], { maxEventBytes: 120 })).toHaveLength(1);
  });

  it('does not count comments and finished events against the limit', () => {
    const stream = ': keep-alive\n\ndata: 0123456789\n\n'.repeat(100);
    expect(parse([stream], { maxEventBytes: 20 })).toHaveLength(200);
  });
});

describe('lines longer than one read (an image across many reads)', () => {
  const long = (unit: string, times: number) => unit.repeat(times);
  // Non-ASCII inside the long line, every line ending, a line end right after the long line.
  const text =
    `: keep-alive\r\ndata: ${long('é€😀a', 30_000)}\r\ndata: next\r\n\r\n` +
    `data: ${long('A', 200_000)}\rdata: tail\r\r` +
    `event: x\ndata: ${long('bc', 40_000)}\n\n`;
  const bytes = new TextEncoder().encode(text);
  const expected = parse([text]);

  function cutAt(points: number[]): Uint8Array[] {
    const chunks: Uint8Array[] = [];
    let last = 0;
    for (const point of [...points].sort((a, b) => a - b)) {
      chunks.push(bytes.subarray(last, point));
      last = point;
    }
    chunks.push(bytes.subarray(last));
    return chunks;
  }

  it('decodes the same items as the whole text, whatever the reads', () => {
    expect(expected.map((i) => i.type)).toEqual(['comment', 'event', 'event', 'event']);
    // Reads of many sizes, including ones that split characters and CR from LF.
    for (const size of [1000, 4093, 16 * 1024, 65_537]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      expect(parse(chunks)).toEqual(expected);
    }
    // Cuts exactly around each line end of the long lines and inside a 4-byte character.
    const ends = [...text.matchAll(/\r\n|\r|\n/g)].map(
      (m) => new TextEncoder().encode(text.slice(0, m.index)).length,
    );
    for (const end of ends) {
      for (const offset of [0, 1, 2])
        expect(parse(cutAt([70_000, end + offset]))).toEqual(expected);
    }
    const emoji = new TextEncoder().encode(text.slice(0, text.indexOf('😀', 80_000))).length;
    for (const offset of [1, 2, 3])
      expect(parse(cutAt([66_000, emoji + offset]))).toEqual(expected);
  });

  it('enforces maxEventBytes while a long line is still unfinished', () => {
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < 300_000; at += 10_000) chunks.push(bytes.subarray(at, at + 10_000));
    // The first data line is 150,006 characters (300,006 bytes): 100,000 is passed mid-line.
    expect(() => parse(chunks, { maxEventBytes: 100_000 })).toThrow(SseEventTooLargeError);
  });
});
