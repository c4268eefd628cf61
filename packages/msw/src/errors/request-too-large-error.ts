import { LunosImageError } from '@lunos-image/core';

/** A request body to the mock server or recorder past its size limit: answered with 413. */
export class RequestTooLargeError extends LunosImageError {
  static override readonly kind: string = 'RequestTooLargeError';

  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes; refused`);
    this.maxBytes = maxBytes;
  }
}
