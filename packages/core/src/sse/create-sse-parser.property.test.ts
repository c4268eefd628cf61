import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SseItem } from './sse-item';
import { bytewise, cutAt, parse, parserPaths } from './test-utils/parse-sse';

/**
 * The parsing algorithm written the obvious way (whole input, one split), as an independent
 * oracle for the streaming parser.
 */
function reference(bytes: Uint8Array): SseItem[] {
  // TextDecoder strips one leading BOM by default, as the standard does.
  const lines = new TextDecoder().decode(bytes).split(/\r\n|\r|\n/);
  lines.pop(); // text after the last line end is an unterminated line
  const items: SseItem[] = [];
  let data: string[] = [];
  let type = '';
  let id = '';
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0)
        items.push({ type: 'event', event: type || 'message', data: data.join('\n'), id });
      data = [];
      type = '';
      continue;
    }
    if (line.startsWith(':')) {
      items.push({ type: 'comment', comment: line.slice(1) });
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^[0-9]+$/.test(value))
      items.push({ type: 'retry', retry: Number(value) });
  }
  return items;
}

const value = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('a', ' ', ':', '\0', 'é', '€', '😀', '\uFEFF', '7'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 12,
  })
  .map((text) => text.replace(/[\r\n]/g, ''));

const line = fc.oneof(
  fc.constant(''),
  value.map((text) => `:${text}`),
  fc
    .tuple(
      fc.constantFrom('data', 'data', 'event', 'id', 'retry', 'other', 'Data'),
      fc.constantFrom('', ':', ': ', ':  '),
      value,
    )
    .map(([field, separator, text]) => `${field}${separator}${separator ? text : ''}`),
  fc.nat(99_999).map((ms) => `retry: ${ms}`),
);

const stream = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(line, fc.constantFrom('\n', '\r', '\r\n')), { maxLength: 25 }),
    fc.oneof(fc.constant(''), line),
  )
  .map(
    ([bom, lines, tail]) =>
      `${bom ? '\uFEFF' : ''}${lines.map(([text, end]) => text + end).join('')}${tail}`,
  );

describe.each(parserPaths)('createSseParser: any chunking of any stream, $path', ({ options }) => {
  it('yields the same items as the unsplit stream, and as the reference algorithm', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 40 }), (text, positions) => {
        const bytes = new TextEncoder().encode(text);
        const whole = parse([bytes], options);
        expect(whole).toEqual(reference(bytes));
        expect(parse(cutAt(bytes, positions), options)).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });

  it('yields the same items when text (not bytes) is cut anywhere', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (text, positions) => {
        const cuts = [...new Set(positions.map((p) => p % (text.length + 1)))].sort(
          (a, b) => a - b,
        );
        const pieces = [...cuts, text.length].map((cut, i) =>
          text.slice(i === 0 ? 0 : cuts[i - 1], cut),
        );
        expect(parse(pieces, options)).toEqual(parse([text]));
      }),
      { numRuns: 300 },
    );
  });

  it('yields the same items one byte per read', () => {
    fc.assert(
      fc.property(stream, (text) => {
        const bytes = new TextEncoder().encode(text);
        expect(parse(bytewise(bytes), options)).toEqual(parse([bytes]));
      }),
      { numRuns: 200 },
    );
  });
});
