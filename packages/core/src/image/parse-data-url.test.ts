import { describe, expect, it } from 'vitest';
import { InvalidImageError } from '../errors/invalid-image-error';
import { parseDataUrl } from './parse-data-url';

describe('parseDataUrl', () => {
  it('splits the media type from the payload', () => {
    expect(parseDataUrl('data:image/png;base64,iVBORw0KGgo=')).toEqual({
      mimeType: 'image/png',
      base64: 'iVBORw0KGgo=',
    });
  });

  it('lower-cases the type, drops parameters and tolerates spaces around them', () => {
    expect(parseDataUrl('DATA:Image/JPEG ; name=cat.jpg ; BASE64,/9j/')).toEqual({
      mimeType: 'image/jpeg',
      base64: '/9j/',
    });
  });

  it('defaults an empty media type to text/plain', () => {
    expect(parseDataUrl('data:;base64,SGk=').mimeType).toBe('text/plain');
  });

  it.each([
    ['https://example.com/a.png', /no data: scheme/],
    ['data:image/png,rawbytes', /not base64/],
    ['data:image/png;base64', /no comma/],
    ['data:image;base64,AAAA', /invalid media type/],
    ['data:text/html;charset=utf-8,<script>', /not base64/],
  ])('rejects %j', (url, message) => {
    let error: unknown;
    try {
      parseDataUrl(url);
    } catch (caught) {
      error = caught;
    }
    expect(InvalidImageError.isInstance(error)).toBe(true);
    expect((error as InvalidImageError).reason).toBe('malformed-data-url');
    expect((error as InvalidImageError).message).toMatch(message);
  });

  it('keeps only a short preview of a huge URL in the error', () => {
    const url = `data:image/png;${'A'.repeat(1_000_000)}`;
    expect(() => parseDataUrl(url)).toThrow(InvalidImageError);
    try {
      parseDataUrl(url);
    } catch (error) {
      expect((error as InvalidImageError).urlPreview.length).toBeLessThan(60);
      expect((error as InvalidImageError).message.length).toBeLessThan(120);
    }
  });
});
