import { InvalidImageError } from '../errors/invalid-image-error';
import { previewUrl } from './preview-url';

export interface ParsedDataUrl {
  /** The media type's essence, lower-cased, without parameters (`image/png`). */
  mimeType: string;
  /** The payload after the comma: a slice of `url`, not a copy. */
  base64: string;
}

/** RFC 2045 token characters on both sides of the slash. */
const mimeTypePattern = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/**
 * Splits a base64 data URL (`data:image/png;base64,iVBOR...`) into its media type and payload.
 * Only the header is inspected, so this costs the same for a 30 MB image as for a 1 KB one; the
 * payload itself is checked when decoded. Throws an `InvalidImageError` (`malformed-data-url`) for
 * anything that is not `data:<type>[;params];base64,<payload>`.
 */
export function parseDataUrl(url: string): ParsedDataUrl {
  const fail = (why: string): InvalidImageError =>
    new InvalidImageError(`Not a base64 data URL (${why}): ${previewUrl(url)}`, {
      reason: 'malformed-data-url',
      urlPreview: previewUrl(url),
    });
  if (url.slice(0, 5).toLowerCase() !== 'data:') throw fail('no data: scheme');
  const comma = url.indexOf(',', 5);
  if (comma === -1) throw fail('no comma');
  const header = url.slice(5, comma);
  const parameters = header.split(';').map((part) => part.trim());
  if (parameters.length < 2 || parameters.pop()!.toLowerCase() !== 'base64') {
    throw fail('not base64-encoded');
  }
  // An empty media type means text/plain (RFC 2397).
  const mimeType = parameters[0]!.toLowerCase() || 'text/plain';
  if (!mimeTypePattern.test(mimeType)) throw fail('invalid media type');
  return { mimeType, base64: url.slice(comma + 1) };
}
