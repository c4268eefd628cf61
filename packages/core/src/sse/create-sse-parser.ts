import { SseEventTooLargeError } from '../errors/sse-event-too-large-error';
import { Base64StreamDecoder } from '../image/base64-stream-decoder';
import { refJsonText } from './event-data-text';
import { ImageStringScanner } from './image-string-scanner';
import type { SseImageBytes, SseItem } from './sse-item';

export interface SseParserOptions {
  /**
   * Largest event the parser buffers before it gives up with an `SseEventTooLargeError`, counted
   * in characters of decoded text (one per byte for the ASCII that JSON and base64 carry).
   * Default 64 MiB: a 4K image is about 30 MB of base64.
   */
  maxEventBytes?: number;
  /**
   * Decode base64 images straight from the stream's bytes, never holding them as a string: when
   * a `data:` line grows past `imageBytesMinLength` while inside a JSON string that carries a
   * base64 image (a chat chunk's `images[].image_url.url` data URL, an Images API `b64_json`),
   * its payload is decoded read by read, the string is replaced in `data` by a reference, and
   * the bytes come with the event as `images`. Anything unusual (an escape or any other
   * character outside base64 in the string, padding before its end, non-canonical base64, a
   * line that was not what it looked like) leaves the line to the string path, byte for byte;
   * `maxEventBytes` counts the bytes as they came. Default false.
   */
  imageBytes?: boolean;
  /**
   * Length a `data:` line must reach, still unfinished, before it is looked at for an image
   * (default 64 KiB: shorter ones cost `JSON.parse` less than the look). Tests lower it.
   */
  imageBytesMinLength?: number;
}

export interface SseParser {
  /** Parses the next piece of the stream: bytes (UTF-8, split anywhere) or already-decoded text. */
  feed(chunk: Uint8Array | string): void;
  /**
   * Ends the stream. An event without its closing blank line is discarded, as the standard says,
   * and the parser is reset for another stream.
   */
  end(): void;
  /** Forgets everything, including the last event ID and a failure, to start a new stream. */
  reset(): void;
}

export const defaultMaxEventBytes = 64 * 1024 * 1024;
export const defaultImageBytesMinLength = 64 * 1024;

const LF = 10;
const SPACE = 32;
const QUOTE = '"';
const COLON = 58;
const BOM = 0xfeff;
/** The longest known field name ('event', 'retry') plus its colon. */
const longestFieldPrefix = 6;
const digitsOnly = /^[0-9]+$/;

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

/** Length of the UTF-8 sequence a lead byte starts; 0 for ASCII, continuation and invalid bytes. */
function sequenceLength(byte: number): number {
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/**
 * A push parser for `text/event-stream` that follows the WHATWG parsing rules
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation)
 * and calls `onItem` for every dispatched event, comment and valid `retry` field.
 *
 * Built for streams where one `data:` line carries a whole image (tens of megabytes over
 * thousands of reads): every chunk is decoded once, searched once for line ends with native
 * `indexOf`, and a line that spans chunks is appended as a rope that is flattened once, when it
 * ends, so the cost is linear in the bytes however the stream is cut.
 */
export function createSseParser(
  onItem: (item: SseItem) => void,
  options: SseParserOptions = {},
): SseParser {
  const maxEventBytes = options.maxEventBytes ?? defaultMaxEventBytes;
  if (!(maxEventBytes > 0)) throw new RangeError('maxEventBytes must be a positive number');
  const imageBytes = options.imageBytes === true;
  const imageMinLength = options.imageBytesMinLength ?? defaultImageBytesMinLength;
  if (!(imageMinLength >= 0)) throw new RangeError('imageBytesMinLength must not be negative');

  // A character split across chunks is carried over by hand (see decode()), so every decoder
  // call gets whole characters and two decoders are interchangeable. That matters because their
  // speed depends on the content: in Node 20 the one-shot path is 4-5x faster than
  // `{ stream: true }` on ASCII (base64 image lines), while the streaming (ICU) path is 2x faster
  // on text with non-ASCII characters. Each chunk uses the one that suited the previous chunk.
  // ignoreBOM keeps a U+FEFF at the start of a later chunk: only the stream's first one goes.
  const oneShotDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const streamingDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const streamOption = { stream: true };
  let previousWasAscii = true;
  function utf8(bytes: Uint8Array): string {
    const text = previousWasAscii
      ? oneShotDecoder.decode(bytes)
      : streamingDecoder.decode(bytes, streamOption);
    // One UTF-16 unit per byte exactly when every byte was ASCII.
    previousWasAscii = text.length === bytes.length;
    return text;
  }

  /** Bytes of a UTF-8 character cut off at the end of the previous chunk. */
  let carry: Uint8Array | undefined;
  /** No text seen yet, so a leading BOM is still to be stripped. */
  let atStreamStart = true;
  /** The previous chunk ended with CR: a LF starting this one belongs to the same line end. */
  let skipLeadingLineFeed = false;
  /**
   * The start of a line whose end has not arrived. Appended with `+=`: engines keep that as a
   * rope and flatten it once, when the line is read, which measured faster than collecting parts
   * and joining them (31 vs 27 ms for a 22 MB line in 340 reads, 44 vs 29 ms in 1360).
   */
  let pending = '';
  /** The data buffer: its first line as is, further lines in a list (joined with LF once). */
  let data: string | undefined;
  let moreData: string[] | undefined;
  let dataLength = 0;
  let eventType = '';
  let lastEventId = '';
  let failure: SseEventTooLargeError | undefined;

  // The byte path (imageBytes). Invariant: the unfinished line as it came is `pending` plus
  // `lineExtra` characters that are not in it (an image being decoded, or taken out and
  // replaced by a ref), so every size check counts what arrived.
  let lineExtra = 0;
  let lineScan = LineScan.NotYet;
  const scanner = imageBytes ? new ImageStringScanner() : undefined;
  /** The image being decoded: `pending` ends with the quote that opened its string. */
  let image: { decoder: Base64StreamDecoder; mediaType: string | undefined } | undefined;
  let lineImages: SseImageBytes[] | undefined;
  let eventImages: SseImageBytes[] | undefined;

  function resetLine(): void {
    lineExtra = 0;
    lineScan = LineScan.NotYet;
    scanner?.reset();
    image = undefined;
    lineImages = undefined;
  }

  function reset(): void {
    carry = undefined;
    atStreamStart = true;
    skipLeadingLineFeed = false;
    pending = '';
    data = undefined;
    moreData = undefined;
    dataLength = 0;
    eventType = '';
    lastEventId = '';
    failure = undefined;
    resetLine();
    eventImages = undefined;
  }

  function checkEventSize(): void {
    const buffered = pending.length + lineExtra + dataLength;
    if (buffered <= maxEventBytes) return;
    failure = new SseEventTooLargeError({ maxEventBytes, bufferedBytes: buffered });
    // Drop what was buffered: the point of the limit is to stop holding it.
    pending = '';
    data = undefined;
    moreData = undefined;
    dataLength = 0;
    resetLine();
    eventImages = undefined;
    throw failure;
  }

  function dispatch(): void {
    if (data === undefined) {
      eventType = '';
      return;
    }
    const item: SseItem = {
      type: 'event',
      event: eventType || 'message',
      data: moreData ? moreData.join('\n') : data,
      id: lastEventId,
    };
    if (eventImages) item.images = eventImages;
    // Clear before calling out, so a callback that throws leaves a clean parser behind.
    data = undefined;
    moreData = undefined;
    dataLength = 0;
    eventType = '';
    eventImages = undefined;
    onItem(item);
  }

  function appendData(value: string): void {
    if (data === undefined) data = value;
    else if (moreData) moreData.push(value);
    else moreData = [data, value];
    // The line's characters not in `value` (its images) now count in dataLength.
    dataLength += value.length + 1 + lineExtra;
    lineExtra = 0;
    if (lineImages) {
      eventImages = eventImages ? [...eventImages, ...lineImages] : lineImages;
      lineImages = undefined;
    }
    if (dataLength > maxEventBytes) checkEventSize();
  }

  /**
   * At the end of a read that left a long `data:` line unfinished: follows its JSON through the
   * new text (`text` from `from`, or the whole line the first time) and, if that ends inside an
   * image string, starts decoding it.
   */
  function scanForImage(text: string, from: number): void {
    if (lineScan === LineScan.NotYet) {
      // The first data line of an event only: a later one continues JSON the scanner has not seen.
      if (pending.length < 6) return;
      if (data !== undefined || !pending.startsWith('data:')) {
        lineScan = LineScan.Off;
        return;
      }
      lineScan = LineScan.Scanning;
      scanner!.scan(pending, pending.charCodeAt(5) === SPACE ? 6 : 5);
    } else {
      scanner!.scan(text, from);
    }
    if (scanner!.off) {
      lineScan = LineScan.Off;
      return;
    }
    if (!scanner!.inImage) return;
    const payloadStart = pending.length - scanner!.base64Chars;
    const decoder = new Base64StreamDecoder();
    if (!decoder.write(pending, payloadStart, pending.length)) {
      scanner!.skipString();
      return;
    }
    const valueStart = payloadStart - scanner!.headerLength;
    image = { decoder, mediaType: scanner!.mediaType };
    lineExtra += pending.length - valueStart;
    pending = pending.slice(0, valueStart);
  }

  /**
   * The next read while an image is being decoded: its payload runs to the closing quote (or
   * the read's end). Returns where ordinary parsing resumes in `text`.
   */
  function continueImage(text: string, position: number): number {
    const current = image!;
    const quote = text.indexOf(QUOTE, position);
    const end = quote === -1 ? text.length : quote;
    if (!current.decoder.write(text, position, end)) {
      leaveImage();
      return position;
    }
    lineExtra += end - position;
    if (quote === -1) return end;
    const parts = current.decoder.finish();
    if (!parts) {
      leaveImage();
      return quote;
    }
    const ref = nextRef();
    const taken: SseImageBytes = { ref, mediaType: current.mediaType, parts };
    if (lineImages) lineImages.push(taken);
    else lineImages = [taken];
    const refText = refJsonText(ref);
    pending += refText;
    lineExtra -= refText.length;
    image = undefined;
    // The closing quote is still ahead in `text`: the scanner looks for it as any string's end.
    scanner!.skipString();
    return quote;
  }

  /** Gives up the byte path for this string: the text it consumed goes back into `pending`. */
  function leaveImage(): void {
    const { decoder, mediaType } = image!;
    const header = mediaType === undefined ? '' : `data:${mediaType};base64,`;
    const text = decoder.text();
    pending += header + text;
    lineExtra -= header.length + text.length;
    image = undefined;
    scanner!.skipString();
  }

  /** Processes the line `text[start, end)`, without its line end. */
  function processLine(text: string, start: number, end: number): void {
    if (start === end) {
      dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    if (first === COLON) {
      onItem({ type: 'comment', comment: text.slice(start + 1, end) });
      return;
    }
    // The line nearly every event has, without slicing out its field name.
    if (
      first === 100 && // d
      end - start >= 5 &&
      text.charCodeAt(start + 1) === 97 && // a
      text.charCodeAt(start + 2) === 116 && // t
      text.charCodeAt(start + 3) === 97 && // a
      text.charCodeAt(start + 4) === COLON
    ) {
      const valueStart = start + 5 < end && text.charCodeAt(start + 5) === SPACE ? 6 : 5;
      appendData(text.slice(start + valueStart, end));
      return;
    }
    // Only known field names matter and none is longer than 5 characters, so the colon is
    // looked for in the first 6 only: a long line without one is never scanned to its end.
    const limit = Math.min(end, start + longestFieldPrefix);
    let colon = start;
    while (colon < limit && text.charCodeAt(colon) !== COLON) colon++;
    if (colon === limit && limit < end) return;
    const field = text.slice(start, colon);
    let value = '';
    if (colon < end) {
      const valueStart =
        colon + 1 < end && text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1;
      value = text.slice(valueStart, end);
    }
    switch (field) {
      case 'data':
        appendData(value);
        return;
      case 'event':
        eventType = value;
        return;
      case 'id':
        if (value.indexOf('\0') === -1) lastEventId = value;
        return;
      case 'retry':
        if (digitsOnly.test(value)) onItem({ type: 'retry', retry: Number(value) });
        return;
      default:
        return;
    }
  }

  function feedText(input: string): void {
    let text = input;
    if (text.length === 0) return;
    if (atStreamStart) {
      atStreamStart = false;
      if (text.charCodeAt(0) === BOM) {
        text = text.slice(1);
        if (text.length === 0) return;
      }
    }
    const length = text.length;
    let position = 0;
    if (skipLeadingLineFeed) {
      skipLeadingLineFeed = false;
      if (text.charCodeAt(0) === LF) position = 1;
    }
    if (image) {
      position = continueImage(text, position);
      if (position === length) {
        if (pending.length + lineExtra + dataLength > maxEventBytes) checkEventSize();
        return;
      }
    }
    // Next LF and CR at or after `position`; -1 once there are none left in this chunk, so a
    // stream without CRs searches for one once per chunk.
    let nextLf = text.indexOf('\n', position);
    let nextCr = text.indexOf('\r', position);
    while (nextLf !== -1 || nextCr !== -1) {
      const isCr = nextCr !== -1 && (nextLf === -1 || nextCr < nextLf);
      const lineEnd = isCr ? nextCr : nextLf;
      if (pending === '') {
        processLine(text, position, lineEnd);
      } else {
        const line = pending + text.slice(position, lineEnd);
        pending = '';
        processLine(line, 0, line.length);
        if (lineScan !== LineScan.NotYet) resetLine();
      }
      position = lineEnd + 1;
      if (isCr) {
        if (position === length) skipLeadingLineFeed = true;
        else if (nextLf === position) position++;
        nextCr = text.indexOf('\r', position);
      }
      if (nextLf !== -1 && nextLf < position) nextLf = text.indexOf('\n', position);
    }
    if (position < length) {
      pending += position === 0 ? text : text.slice(position);
      if (pending.length + lineExtra + dataLength > maxEventBytes) checkEventSize();
      if (scanner && lineScan !== LineScan.Off && pending.length + lineExtra >= imageMinLength) {
        scanForImage(text, position);
      }
    }
  }

  function decode(bytes: Uint8Array): string {
    let start = 0;
    let head = '';
    if (carry) {
      const missing = sequenceLength(carry[0]!) - carry.length;
      let taken = 0;
      while (taken < missing && taken < bytes.length && (bytes[taken]! & 0xc0) === 0x80) taken++;
      const joined = new Uint8Array(carry.length + taken);
      joined.set(carry);
      joined.set(bytes.subarray(0, taken), carry.length);
      if (taken < missing && taken === bytes.length) {
        // Still incomplete: the whole chunk continued the character.
        carry = joined;
        return '';
      }
      // Complete, or cut short by a byte that cannot continue it (the decoder then emits U+FFFD
      // exactly as a streaming decoder would).
      carry = undefined;
      head = oneShotDecoder.decode(joined);
      start = taken;
    }
    let end = bytes.length;
    // An incomplete character at the end has its lead byte among the last three bytes.
    let lead = end - 1;
    while (lead >= start && lead >= end - 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
    if (lead >= start && lead >= end - 3 && sequenceLength(bytes[lead]!) > end - lead) {
      carry = bytes.slice(lead, end);
      end = lead;
    }
    if (start === end) return head;
    const body = utf8(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
    return head === '' ? body : head + body;
  }

  return {
    feed(chunk) {
      if (failure) throw failure;
      if (typeof chunk === 'string') {
        feedText(chunk);
      } else if (ArrayBuffer.isView(chunk)) {
        // A Uint8Array from another realm (iframe, vm, jsdom) fails instanceof but reads the same.
        const view: ArrayBufferView = chunk;
        const bytes =
          view instanceof Uint8Array
            ? view
            : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
        feedText(decode(bytes));
      } else {
        throw new TypeError('SSE parser: feed() takes a Uint8Array or a string');
      }
    },
    end() {
      // Whatever is still buffered belongs to an event that never ended: discard it.
      reset();
    },
    reset,
  };
}
