import { LunosImageError, type LunosImageErrorOptions } from './lunos-image-error';

export interface ImageTooLargeErrorOptions extends LunosImageErrorOptions {
  /** Decoded size of the image in bytes. */
  byteLength: number;
  /** The limit it exceeded. */
  maxBytes: number;
}

/** An image whose decoded size exceeds the configured `maxBytes`. */
export class ImageTooLargeError extends LunosImageError {
  static override readonly kind: string = 'ImageTooLargeError';

  readonly byteLength: number;
  readonly maxBytes: number;

  constructor(options: ImageTooLargeErrorOptions) {
    super(
      `Image of ${options.byteLength} bytes exceeds the limit of ${options.maxBytes} bytes (maxBytes)`,
      options,
    );
    this.byteLength = options.byteLength;
    this.maxBytes = options.maxBytes;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), byteLength: this.byteLength, maxBytes: this.maxBytes };
  }
}
