import { describe, expect, it } from 'vitest';
import { type ImageField, ROUTES, type RouteDefinition } from '../routes/route-table';
import { ImageStringScanner } from './image-string-scanner';

/** The JSON text up to the opening quote of a string that sits at the end of `path`. */
function jsonLeadingTo(path: readonly string[]): string {
  let text = path[0] === '[]' ? '[' : '{';
  path.forEach((part, i) => {
    if (part !== '[]') text += `"${part}":`;
    const next = path[i + 1];
    if (next !== undefined) text += next === '[]' ? '[' : '{';
  });
  return `${text}"`;
}

/** Scans `text` in pieces of `piece` characters; what the scanner concluded at the end. */
function scan(scanner: ImageStringScanner, text: string, piece = text.length) {
  scanner.reset();
  for (let at = 0; at < text.length; at += piece) {
    scanner.scan(text.slice(at, at + piece), 0);
  }
  return {
    inImage: scanner.inImage,
    base64Chars: scanner.inImage ? scanner.base64Chars : 0,
    mediaType: scanner.inImage ? scanner.mediaType : undefined,
  };
}

const base64 = 'iVBORw0KGgoAAAANSUhEUg';
const imageValue = (field: ImageField) =>
  field.dataUrl ? `data:image/png;base64,${base64}` : base64;
const found = (field: ImageField) => ({
  inImage: true,
  base64Chars: base64.length,
  mediaType: field.dataUrl ? 'image/png' : undefined,
});
const notFound = { inImage: false, base64Chars: 0, mediaType: undefined };

const tableFields = (Object.entries(ROUTES) as [string, RouteDefinition][]).flatMap(
  ([name, route]) => (route.imageFields ?? []).map((field) => ({ name, field })),
);

describe('ImageStringScanner', () => {
  it('by default finds an image at every imageFields entry of the route table', () => {
    // The table has both wires' fields; a field added to an entry lands in this list.
    expect(tableFields.map(({ name }) => name)).toEqual(expect.arrayContaining(['chat', 'images']));
    for (const { field } of tableFields) {
      const text = jsonLeadingTo(field.path) + imageValue(field);
      for (const piece of [text.length, 7, 1]) {
        expect(scan(new ImageStringScanner(), text, piece), `${field.path} in ${piece}`).toEqual(
          found(field),
        );
      }
    }
  });

  it('finds a field given to it, and only the fields given to it', () => {
    const fields: ImageField[] = [
      { path: ['output', '[]', 'image'], dataUrl: true },
      { path: ['result'], dataUrl: false },
    ];
    const scanner = new ImageStringScanner(fields);
    const output = `{"id":"x","output":[{"image":"none"},{"note":"a","image":"data:image/webp;base64,${base64}`;
    expect(scan(scanner, output)).toEqual({
      inImage: true,
      base64Chars: base64.length,
      mediaType: 'image/webp',
    });
    expect(scan(scanner, `{"result":"${base64}`)).toEqual(found(fields[1]!));
    // Nor the table's own fields, nor the new ones for a scanner of the table.
    expect(scan(scanner, `{"b64_json":"${base64}`)).toEqual(notFound);
    expect(scan(new ImageStringScanner(), output)).toEqual(notFound);
    expect(scan(new ImageStringScanner(), `{"result":"${base64}`)).toEqual(notFound);
  });

  it('matches a path as the end of where the string sits, [] being an array element', () => {
    const scanner = new ImageStringScanner([
      { path: ['images', '[]', 'image_url', 'url'], dataUrl: true },
      { path: ['frames', '[]'], dataUrl: false },
    ]);
    const url = `data:image/png;base64,${base64}`;
    const deep = `{"choices":[{"delta":{"images":[{"type":"image_url","image_url":{"url":"${url}`;
    expect(scan(scanner, deep).inImage).toBe(true);
    expect(scan(scanner, `[{"images":[{"image_url":{"url":"${url}`).inImage).toBe(true);
    expect(scan(scanner, `{"frames":["${base64}`).inImage).toBe(true);
    expect(scan(scanner, `{"frames":[{"x":1},"a","${base64}`).inImage).toBe(true);
    for (const elsewhere of [
      `{"image_url":{"url":"${url}`, // no images[] around it
      `{"images":{"image_url":{"url":"${url}`, // images is not an array
      `{"images":[[{"image_url":{"url":"${url}`, // an element of an element
      `{"images":[{"image_url":{"link":"${url}`, // another member
      `{"images":[{"image_url":{"url":{"url":"${url}`, // one level too deep
      `{"frames":[["${base64}`,
      `{"frames":"${base64}`,
      `["${base64}`,
      `"${base64}`,
    ]) {
      expect(scan(scanner, elsewhere), elsewhere).toEqual(notFound);
    }
  });

  it('reads a member name only as long as the longest name of its fields', () => {
    const scanner = new ImageStringScanner([{ path: ['ab'], dataUrl: false }]);
    expect(scan(scanner, `{"ab":"${base64}`).inImage).toBe(true);
    expect(scan(scanner, `{"abc":"${base64}`).inImage).toBe(false);
    expect(scan(scanner, `{"a":"${base64}`).inImage).toBe(false);
    // An escaped name is none of ours, whatever it stands for.
    expect(scan(scanner, `{"a\\u0062":"${base64}`).inImage).toBe(false);
  });

  it('finds nothing with no fields, and refuses a field without a path', () => {
    expect(scan(new ImageStringScanner([]), `{"b64_json":"${base64}`)).toEqual(notFound);
    expect(() => new ImageStringScanner([{ path: [], dataUrl: false }])).toThrow(RangeError);
  });
});
