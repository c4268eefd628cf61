import { LunosImageError, type LunosImageErrorOptions } from './lunos-image-error';

export interface RemoteImageErrorOptions extends LunosImageErrorOptions {
  /** The `https:` URL the image lives at. */
  url: string;
}

/**
 * Bytes were asked of an image that the API returned as an `https:` URL: the SDK does not fetch
 * on its own (the URL may need the caller's credentials or a proxy), so fetch `url` instead.
 */
export class RemoteImageError extends LunosImageError {
  static override readonly kind: string = 'RemoteImageError';

  readonly url: string;

  constructor(options: RemoteImageErrorOptions) {
    super(
      `This image is a remote URL, not inline data: fetch ${options.url} to get its bytes`,
      options,
    );
    this.url = options.url;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), url: this.url };
  }
}
