import { LunosImageError } from '@lunos-image/core';

/** A fixtures folder cannot be used: it is missing, not a folder, or holds no fixture files. */
export class FixtureFolderError extends LunosImageError {
  static override readonly kind: string = 'FixtureFolderError';

  /** The folder as it was resolved (absolute). */
  readonly dir: string;

  constructor(dir: string, reason: string, options?: { cause?: unknown }) {
    super(`Cannot load fixtures from ${dir}: ${reason}`, options);
    this.dir = dir;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), dir: this.dir };
  }
}
