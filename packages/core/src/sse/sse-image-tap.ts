import { Base64StreamDecoder } from '../image/base64-stream-decoder';
import type { ImageField } from '../routes/route-table';
import { refJsonText } from './event-data-text';
import { ImageStringScanner } from './image-string-scanner';
import type { SseImageBytes } from './sse-item';
import type { SseLineReader } from './sse-line-reader';

const QUOTE = '"';
const SPACE = 32;

enum LineScan {
  /** The line is short or has not been looked at. */
  NotYet,
  /** The scanner follows the line's JSON. */
  Scanning,
  /** The line cannot carry an image the byte path takes. */
  Off,
}

/**
 * The random part of every ref, drawn once (a draw costs about 0.5 ms on Node 20): a server never
 * sees it, so it cannot send a string that matches one. The count makes each ref unique.
 */
let refTag: string | undefined;
let refCount = 0;

function nextRef(): string {
  if (refTag === undefined) {
    const crypto = (globalThis as { crypto?: { getRandomValues?(array: Uint32Array): unknown } })
      .crypto;
    const words = new Uint32Array(2);
    if (typeof crypto?.getRandomValues === 'function') crypto.getRandomValues(words);
    else for (let i = 0; i < 2; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
    refTag = Array.from(words, (word) => word.toString(36)).join('');
  }
  return `\0lunos-image:${refTag}:${refCount++}`;
}

/**
 * The byte path of the parser's `imageBytes`: works on the unfinished line of an `SseLineReader`
 * between reads. Once the first `data:` line of an event is `minLength` long and still unfinished,
 * an `ImageStringScanner` follows its JSON; when a read ends inside an image string, the tap takes
 * the string's text out of the line and decodes its base64 from then on read by read, before the
 * reader looks for line ends. At the string's end, a ref takes its place in the line and the bytes
 * wait in `takeImages()`. Anything unusual gives the text back to the line, byte for byte.
 *
 * Invariant: the unfinished line as it came is the reader's `pending` plus `extra` characters
 * that are not in it (an image being decoded, or taken out and replaced by a ref), so every size
 * check can count what arrived.
 */
export class SseImageTap {
  readonly #lines: SseLineReader;
  readonly #minLength: number;
  readonly #scanner: ImageStringScanner;
  #extra = 0;
  #scan = LineScan.NotYet;
  /** The image being decoded: `pending` ends with the quote that opened its string. */
  #image: { decoder: Base64StreamDecoder; mediaType: string | undefined } | undefined;
  #images: SseImageBytes[] | undefined;

  /**
   * `minLength`: how long an unfinished line must be before it is looked at. `fields`: where
   * images sit in the JSON (default: every generation route's `imageFields`).
   */
  constructor(lines: SseLineReader, minLength: number, fields?: readonly ImageField[]) {
    this.#lines = lines;
    this.#minLength = minLength;
    this.#scanner = new ImageStringScanner(fields);
  }

  /** Characters of the unfinished line that arrived but are not in the reader's `pending`. */
  get extra(): number {
    return this.#extra;
  }

  /** The line in progress has been looked at: `endLine()` is due when it ends. */
  get active(): boolean {
    return this.#scan !== LineScan.NotYet;
  }

  /** A read ended inside an image's base64: the next read continues it (`continueImage`). */
  get decoding(): boolean {
    return this.#image !== undefined;
  }

  /**
   * At the end of a read that left a line unfinished, `text` from `from` being the part of it
   * this read brought: once the line is long enough, follows its JSON through the new text (or
   * the whole line the first time) and, if that ends inside an image string, starts decoding it.
   * `firstDataLine`: no earlier `data:` line in this event (a later one continues JSON the
   * scanner has not seen).
   */
  afterRead(text: string, from: number, firstDataLine: boolean): void {
    if (this.#scan === LineScan.Off) return;
    const lines = this.#lines;
    if (lines.pending.length + this.#extra < this.#minLength) return;
    const scanner = this.#scanner;
    if (this.#scan === LineScan.NotYet) {
      const pending = lines.pending;
      if (pending.length < 6) return;
      if (!firstDataLine || !pending.startsWith('data:')) {
        this.#scan = LineScan.Off;
        return;
      }
      this.#scan = LineScan.Scanning;
      scanner.scan(pending, pending.charCodeAt(5) === SPACE ? 6 : 5);
    } else {
      scanner.scan(text, from);
    }
    if (scanner.off) {
      this.#scan = LineScan.Off;
      return;
    }
    if (!scanner.inImage) return;
    const pending = lines.pending;
    const payloadStart = pending.length - scanner.base64Chars;
    const decoder = new Base64StreamDecoder();
    if (!decoder.write(pending, payloadStart, pending.length)) {
      scanner.skipString();
      return;
    }
    const valueStart = payloadStart - scanner.headerLength;
    this.#image = { decoder, mediaType: scanner.mediaType };
    this.#extra += pending.length - valueStart;
    lines.pending = pending.slice(0, valueStart);
  }

  /**
   * The next read while an image is being decoded: its payload runs to the closing quote (or the
   * read's end). Returns where the line reader resumes in `text`.
   */
  continueImage(text: string, position: number): number {
    const current = this.#image!;
    const quote = text.indexOf(QUOTE, position);
    const end = quote === -1 ? text.length : quote;
    if (!current.decoder.write(text, position, end)) {
      this.#leaveImage();
      return position;
    }
    this.#extra += end - position;
    if (quote === -1) return end;
    const parts = current.decoder.finish();
    if (!parts) {
      this.#leaveImage();
      return quote;
    }
    const ref = nextRef();
    const taken: SseImageBytes = { ref, mediaType: current.mediaType, parts };
    if (this.#images) this.#images.push(taken);
    else this.#images = [taken];
    const refText = refJsonText(ref);
    this.#lines.pending += refText;
    this.#extra -= refText.length;
    this.#image = undefined;
    // The closing quote is still ahead in `text`: the scanner looks for it as any string's end.
    this.#scanner.skipString();
    return quote;
  }

  /**
   * The line ended as a `data:` line, its value taken into the event: its images, whose
   * characters (`extra`, read before) now count with the event's data.
   */
  takeImages(): SseImageBytes[] | undefined {
    const images = this.#images;
    this.#extra = 0;
    this.#images = undefined;
    return images;
  }

  /** The line ended (or was dropped): the next one starts unseen. */
  endLine(): void {
    this.#extra = 0;
    this.#scan = LineScan.NotYet;
    this.#scanner.reset();
    this.#image = undefined;
    this.#images = undefined;
  }

  /** Gives up the byte path for this string: the text it consumed goes back into the line. */
  #leaveImage(): void {
    const { decoder, mediaType } = this.#image!;
    const header = mediaType === undefined ? '' : `data:${mediaType};base64,`;
    const text = decoder.text();
    this.#lines.pending += header + text;
    this.#extra -= header.length + text.length;
    this.#image = undefined;
    this.#scanner.skipString();
  }
}
