import { LunosImageError } from '@lunos-image/core';

/** A fixture references an image blob that cannot be loaded or whose bytes do not match its name. */
export class BlobNotFoundError extends LunosImageError {
  static override readonly kind: string = 'BlobNotFoundError';

  /** The blob's file name, e.g. `sha256-<hex>.png`. */
  readonly blob: string;

  constructor(blob: string, reason: string, options?: { cause?: unknown }) {
    super(`Image blob ${blob} cannot be used: ${reason}`, options);
    this.blob = blob;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), blob: this.blob };
  }
}
