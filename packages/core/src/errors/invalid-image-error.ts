import { LunosImageError, type LunosImageErrorOptions } from './lunos-image-error';

/** Why a URL or payload was refused as an image. */
export type InvalidImageReason =
  /** Not an `https:` URL nor a `data:` URL (e.g. `javascript:`, `http:`, `blob:`). */
  | 'unsupported-scheme'
  /** An `https:` URL that does not parse. */
  | 'malformed-url'
  /** A `data:` URL that is not `data:<type>;base64,<payload>`. */
  | 'malformed-data-url'
  /** A data URL whose type is not `image/png`, `image/jpeg`, `image/webp` or `image/gif`. */
  | 'unsupported-type'
  /** The payload is not valid base64. */
  | 'invalid-base64'
  /** The decoded bytes are no PNG, JPEG, WebP or GIF. */
  | 'unknown-format';

export interface InvalidImageErrorOptions extends LunosImageErrorOptions {
  reason: InvalidImageReason;
  /** The start of the offending URL; never the whole multi-megabyte payload. */
  urlPreview: string;
}

/**
 * A URL or payload that must not be treated as an image: the wrong scheme or type, broken base64,
 * or bytes of no known image format.
 */
export class InvalidImageError extends LunosImageError {
  static override readonly kind: string = 'InvalidImageError';

  readonly reason: InvalidImageReason;
  readonly urlPreview: string;

  constructor(message: string, options: InvalidImageErrorOptions) {
    super(message, options);
    this.reason = options.reason;
    this.urlPreview = options.urlPreview;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, urlPreview: this.urlPreview };
  }
}
