import { joinBytes } from '../image/join-bytes';

/**
 * The last `size` bytes of what went by, held as the pieces they came in (no copy until asked):
 * the end of a line or body too long to hold, where an answer's `usage` comes after its image.
 */
export class TailBytes {
  readonly #size: number;
  #parts: Uint8Array[] = [];
  #bytes = 0;

  constructor(size: number) {
    this.#size = size;
  }

  push(part: Uint8Array): void {
    if (part.length === 0) return;
    this.#parts.push(part);
    this.#bytes += part.length;
    while (this.#bytes - (this.#parts[0] as Uint8Array).length >= this.#size) {
      this.#bytes -= (this.#parts.shift() as Uint8Array).length;
    }
  }

  /** The tail as text (its first character may be a cut one), and empties it. */
  take(): string {
    const joined = joinBytes(this.#parts);
    this.#parts = [];
    this.#bytes = 0;
    return new TextDecoder().decode(joined.subarray(Math.max(0, joined.length - this.#size)));
  }
}
