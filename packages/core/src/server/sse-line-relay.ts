import { joinBytes } from '../image/join-bytes';
import { indexOfByte, lastIndexOfByte } from './find-byte';
import { scrubSseLines } from './scrub-sse-lines';
import { TailBytes } from './tail-bytes';

const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * A line longer than this (a base64 image) is checked on its first bytes only, then relayed as it
 * comes: never held whole, never copied, searched once for its end (a LF). The lines that can
 * carry the key (errors, text, usage) are a few hundred bytes.
 */
export const MAX_CHECKED_LINE_BYTES = 64 * 1024;

/** How much of the end of a long line a watcher is shown: an answer's usage is a few hundred bytes. */
export const WATCHED_TAIL_BYTES = 4096;

/** Reads what goes by without holding anything up: the spend's `usage.cost`. */
export interface SseLineWatcher {
  /** Whole lines as they were checked, and the start of each long line. */
  lines(text: string): void;
  /** The last `WATCHED_TAIL_BYTES` of each long line (its image not read again). */
  tail(text: string): void;
}

/**
 * An upstream SSE answer, read by read, as it may go to the browser: every line is checked
 * (`scrubSseLines`) before it is sent, so a line is sent once it has ended; a line that
 * outgrows `MAX_CHECKED_LINE_BYTES` goes out as it comes after its start was checked. Clean lines
 * go out as the bytes that came (pieces of the read, not copies). A line ends at CR, LF or CRLF,
 * as in SSE. A leading BOM is dropped (SSE ignores it; after a heartbeat it would not be leading
 * any more).
 */
export class SseLineRelay {
  readonly #apiKey: string;
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  readonly #encoder = new TextEncoder();
  /** The start of a line that has not ended: not sent yet. */
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  /** Inside a line too long to hold: its bytes go out as they come, up to its end. */
  #passing = false;
  /** The stream's first bytes while they may still be a BOM; undefined once past them. */
  #start: Uint8Array | undefined = new Uint8Array(0);
  /** The last byte sent, -1 before any. */
  #lastSent = -1;
  readonly #watcher: SseLineWatcher | undefined;
  /** The end of the long line going by, for the watcher. */
  readonly #tail = new TailBytes(WATCHED_TAIL_BYTES);

  constructor(apiKey: string, watcher?: SseLineWatcher) {
    this.#apiKey = apiKey;
    this.#watcher = watcher;
  }

  /**
   * Whether a line can go in here without changing what the stream says: nothing sent yet, or the
   * last byte sent was a LF. Not inside a long line, nor after a CR, which a LF may still follow
   * (`\r` `: x\n` `\n` would add an empty line, which dispatches an event early). A line that has
   * not ended is held, not sent: the inserted line goes before it.
   */
  get atLineStart(): boolean {
    return this.#lastSent === -1 || this.#lastSent === LF;
  }

  /** What to send for one upstream read, in order (possibly nothing yet). */
  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    const bytes = this.#pastBom(chunk);
    if (bytes) this.#take(bytes, out);
    return this.#sent(out);
  }

  /** The upstream ended: what it left unterminated, checked. */
  end(): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (this.#start?.length) this.#take(this.#start, out);
    this.#start = undefined;
    if (this.#heldBytes > 0) out.push(...this.#checked(this.#held));
    this.#held = [];
    this.#heldBytes = 0;
    return this.#sent(out);
  }

  /** A line of our own (a heartbeat) was sent. */
  inserted(line: Uint8Array): void {
    this.#sent([line]);
  }

  #sent(out: Uint8Array[]): Uint8Array[] {
    for (let i = out.length - 1; i >= 0; i--) {
      const piece = out[i] as Uint8Array;
      if (piece.length > 0) {
        this.#lastSent = piece[piece.length - 1] as number;
        break;
      }
    }
    return out;
  }

  /** The read past a leading BOM, or undefined while too few bytes have come to tell. */
  #pastBom(chunk: Uint8Array): Uint8Array | undefined {
    if (this.#start === undefined) return chunk;
    const bytes = joinBytes([this.#start, chunk].filter((part) => part.length > 0));
    const isBom = BOM.every((byte, i) => i >= bytes.length || bytes[i] === byte);
    if (isBom && bytes.length < BOM.length) {
      this.#start = bytes;
      return undefined;
    }
    this.#start = undefined;
    return isBom ? bytes.subarray(BOM.length) : bytes;
  }

  #take(c: Uint8Array, out: Uint8Array[]): void {
    /** c[send, from) is decided and clean; `from` is where the next undecided line starts. */
    let send = 0;
    let from = 0;
    if (this.#passing) {
      // The one search through an image's bytes. A lone CR ending it is not looked for: the
      // lines after it are then checked from the next LF on.
      const end = indexOfByte(c, LF);
      if (end === -1) {
        out.push(c);
        if (this.#watcher) this.#tail.push(c);
        return;
      }
      this.#passing = false;
      if (this.#watcher) {
        this.#tail.push(c.subarray(0, end));
        this.#watcher.tail(this.#tail.take());
      }
      from = end + 1;
    } else if (this.#heldBytes > 0) {
      const end = firstLineEnd(c);
      if (end === -1) {
        this.#hold(c, out);
        return;
      }
      out.push(...this.#checked([...this.#held, c.subarray(0, end + 1)]));
      this.#held = [];
      this.#heldBytes = 0;
      send = from = end + 1;
    }
    const last = Math.max(lastIndexOfByte(c, LF), lastIndexOfByte(c, CR));
    if (last >= from) {
      const lines = c.subarray(from, last + 1);
      const checked = this.#checked([lines]);
      if (checked[0] !== lines) {
        if (from > send) out.push(c.subarray(send, from));
        out.push(...checked);
        send = last + 1;
      }
      from = last + 1;
    }
    if (from > send) out.push(c.subarray(send, from));
    if (from < c.length) this.#hold(c.subarray(from), out);
  }

  #hold(part: Uint8Array, out: Uint8Array[]): void {
    this.#held.push(part);
    this.#heldBytes += part.length;
    if (this.#heldBytes <= MAX_CHECKED_LINE_BYTES) return;
    out.push(...this.#checked(this.#held));
    this.#held = [];
    this.#heldBytes = 0;
    this.#passing = true;
  }

  /** `parts` (whole lines, or the start of a long one) as they may be sent. */
  #checked(parts: Uint8Array[]): Uint8Array[] {
    let text = '';
    for (const part of parts) text += this.#decoder.decode(part, { stream: true });
    text += this.#decoder.decode();
    this.#watcher?.lines(text);
    const scrubbed = scrubSseLines(text, this.#apiKey);
    return scrubbed === undefined ? parts : [this.#encoder.encode(scrubbed)];
  }
}

/** Where the first line of `c` ends (its CR or LF), or -1. */
function firstLineEnd(c: Uint8Array): number {
  const lf = indexOfByte(c, LF);
  const cr = indexOfByte(lf === -1 ? c : c.subarray(0, lf), CR);
  return cr === -1 ? lf : cr;
}
