import { LunosImageError } from '@lunos-image/core';

/** An option given to replay, the handlers, the server or the CLI is out of range or malformed. */
export class MockOptionsError extends LunosImageError {
  static override readonly kind: string = 'MockOptionsError';

  /** The option's name, e.g. `chunking.bytes` or `--port`. */
  readonly option: string;

  constructor(option: string, message: string, options?: { cause?: unknown }) {
    super(`Invalid option ${option}: ${message}`, options);
    this.option = option;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), option: this.option };
  }
}
