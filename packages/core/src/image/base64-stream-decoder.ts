import {
  allocateBytes,
  type Base64Writer,
  base64WriterFor,
  decodeBase64,
  encodeBase64,
} from './base64';

/**
 * Bytes of the first output block and of the largest: multiples of 3 (whole base64 groups), from
 * 256 KiB to 1 MiB of base64, doubling. Blocks are never grown or copied while the payload
 * arrives, and they are handed out as they are: the image's parts.
 */
const firstBlockBytes = 3 << 16;
const largestBlockBytes = 3 << 18;

/** Char code → whether it may appear in standard base64 with padding. */
const base64Chars = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = 1;
  return table;
})();

function allBase64(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127 || base64Chars[code] === 0) return false;
  }
  return true;
}

/**
 * Decodes one base64 payload that arrives in pieces (the reads of a network stream) into bytes,
 * without ever holding it as one string. Strict and exact: it accepts only what `decodeBase64`
 * accepts and yields the same bytes, and it can always give back the exact text it consumed, so
 * a caller that meets anything unusual can hand that text to the string path instead.
 */
export class Base64StreamDecoder {
  readonly #blocks: Uint8Array[] = [];
  #write: Base64Writer | undefined;
  /** Bytes written to the last block. Always a multiple of 3: only whole groups go there. */
  #used = 0;
  /**
   * The characters after the last whole group: up to 3 of an incomplete group, or a whole padded
   * group (4), kept until the payload ends because nothing may follow padding.
   */
  #carry = '';

  /**
   * Takes `text[start, end)` as the next piece of the payload. Returns false, consuming nothing of
   * this piece, when it cannot continue a valid base64 payload (a character outside the alphabet,
   * whitespace, an escape, padding followed by more); `text()` is then what came before it.
   */
  write(text: string, start: number, end: number): boolean {
    if (start >= end) return true;
    const blockCount = this.#blocks.length;
    const used = this.#used;
    const carry = this.#carry;
    if (this.#take(text, start, end)) return true;
    // Undo this piece: blocks added for it go, bytes written past `used` are never read.
    this.#blocks.length = blockCount;
    this.#used = used;
    this.#carry = carry;
    const last = this.#blocks[blockCount - 1];
    this.#write = last && base64WriterFor(last);
    return false;
  }

  #take(text: string, start: number, end: number): boolean {
    let at = start;
    if (this.#carry !== '') {
      // A padded group ends the payload: anything after it (before the closing quote) is wrong.
      if (this.#carry.length === 4) return false;
      const group = this.#carry + text.slice(at, Math.min(end, at + 4 - this.#carry.length));
      at += group.length - this.#carry.length;
      if (!allBase64(group)) return false;
      if (group.length < 4 || group.indexOf('=') !== -1) {
        if (group.length === 4 && at < end) return false;
        this.#carry = group;
        return true;
      }
      if (!this.#decode(group, 0, 4)) return false;
      this.#carry = '';
    }
    // Padding may only be in the last group: hold that group back, refuse anything after it.
    const padding = text.indexOf('=', at);
    let stop: number;
    if (padding !== -1 && padding < end) {
      stop = at + (padding - at - ((padding - at) % 4));
      if (end - stop > 4) return false;
    } else {
      stop = end - ((end - at) % 4);
    }
    const rest = text.slice(stop, end);
    if (!allBase64(rest) || !this.#decode(text, at, stop)) return false;
    this.#carry = rest;
    return true;
  }

  /** Decodes the whole groups `text[start, end)` into the blocks; false if not valid base64. */
  #decode(text: string, start: number, end: number): boolean {
    let at = start;
    while (at < end) {
      let block = this.#blocks[this.#blocks.length - 1];
      if (!block || this.#used === block.length) {
        block = allocateBytes(
          block ? Math.min(block.length * 2, largestBlockBytes) : firstBlockBytes,
        );
        this.#blocks.push(block);
        this.#write = base64WriterFor(block);
        this.#used = 0;
      }
      const chars = Math.min(end - at, ((block.length - this.#used) / 3) * 4);
      const piece = at === 0 && chars === text.length ? text : text.slice(at, at + chars);
      const bytes = (chars / 4) * 3;
      try {
        this.#write!(piece, this.#used, bytes);
      } catch {
        return false;
      }
      this.#used += bytes;
      at += chars;
    }
    return true;
  }

  /**
   * Ends the payload and returns its bytes as consecutive parts, each owning exactly its bytes
   * (all but the last hold a multiple of 3). Returns `undefined` when the payload is not
   * canonical base64 (no padding, non-zero bits after the last byte, an invalid last group): its
   * bytes would not give back its text, so the caller takes the string path, which keeps the
   * text as it came and decides about it as it always has.
   */
  finish(): Uint8Array[] | undefined {
    let tail: Uint8Array | undefined;
    if (this.#carry !== '') {
      if (this.#carry.length !== 4) return undefined;
      try {
        tail = decodeBase64(this.#carry);
      } catch {
        return undefined;
      }
      if (encodeBase64(tail) !== this.#carry) return undefined;
    }
    const parts = this.#blocks.slice(0, -1);
    const last = this.#blocks[this.#blocks.length - 1];
    const used = this.#used;
    // The last block is copied to its exact length (at most 768 KiB), so that no part holds
    // memory it does not use.
    const lastLength = used + (tail?.length ?? 0);
    if (last && lastLength === last.length) {
      parts.push(last);
    } else if (lastLength > 0 || parts.length === 0) {
      const exact = allocateBytes(lastLength);
      if (last) exact.set(last.subarray(0, used));
      if (tail) exact.set(tail, used);
      parts.push(exact);
    }
    this.#release();
    return parts;
  }

  /** The base64 text consumed so far, exactly as it came (whole groups decode one way only). */
  text(): string {
    const parts = this.#blocks.map((block, i) =>
      encodeBase64(i === this.#blocks.length - 1 ? block.subarray(0, this.#used) : block),
    );
    parts.push(this.#carry);
    this.#release();
    return parts.join('');
  }

  #release(): void {
    this.#blocks.length = 0;
    this.#write = undefined;
    this.#used = 0;
    this.#carry = '';
  }
}
