import { SseEventTooLargeError } from '../errors/sse-event-too-large-error';
import { SseImageTap } from './sse-image-tap';
import type { SseImageBytes, SseItem } from './sse-item';
import { SseLineReader } from './sse-line-reader';
import { Utf8Chunker } from './utf8-chunker';

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

const SPACE = 32;
const COLON = 58;
/** The longest known field name ('event', 'retry') plus its colon. */
const longestFieldPrefix = 6;
const digitsOnly = /^[0-9]+$/;

/**
 * A push parser for `text/event-stream` that follows the WHATWG parsing rules
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation)
 * and calls `onItem` for every dispatched event, comment and valid `retry` field.
 *
 * Three parts do the reading, each knowing nothing of the next: a `Utf8Chunker` turns bytes cut
 * anywhere into whole characters, an `SseLineReader` turns text cut anywhere into lines (linear
 * in the text however long a line is), and with `imageBytes` an `SseImageTap` takes base64 images
 * out of an unfinished line between reads. What is left here is the event: its fields, its data
 * buffer, dispatch, and the `maxEventBytes` limit over all of it.
 */
export function createSseParser(
  onItem: (item: SseItem) => void,
  options: SseParserOptions = {},
): SseParser {
  const maxEventBytes = options.maxEventBytes ?? defaultMaxEventBytes;
  if (!(maxEventBytes > 0)) throw new RangeError('maxEventBytes must be a positive number');
  const imageMinLength = options.imageBytesMinLength ?? defaultImageBytesMinLength;
  if (!(imageMinLength >= 0)) throw new RangeError('imageBytesMinLength must not be negative');

  const chunker = new Utf8Chunker();
  const lines = new SseLineReader(onLine);
  const tap = options.imageBytes === true ? new SseImageTap(lines, imageMinLength) : undefined;

  /** The data buffer: its first line as is, further lines in a list (joined with LF once). */
  let data: string | undefined;
  let moreData: string[] | undefined;
  let dataLength = 0;
  let eventImages: SseImageBytes[] | undefined;
  let eventType = '';
  let lastEventId = '';
  let failure: SseEventTooLargeError | undefined;

  function reset(): void {
    chunker.reset();
    lines.reset();
    tap?.endLine();
    data = undefined;
    moreData = undefined;
    dataLength = 0;
    eventImages = undefined;
    eventType = '';
    lastEventId = '';
    failure = undefined;
  }

  /** What the event holds so far, counted as it arrived (images and their refs included). */
  function buffered(): number {
    return lines.pending.length + (tap === undefined ? 0 : tap.extra) + dataLength;
  }

  function checkEventSize(): void {
    const bufferedBytes = buffered();
    if (bufferedBytes <= maxEventBytes) return;
    failure = new SseEventTooLargeError({ maxEventBytes, bufferedBytes });
    // Drop what was buffered: the point of the limit is to stop holding it.
    lines.pending = '';
    tap?.endLine();
    data = undefined;
    moreData = undefined;
    dataLength = 0;
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
    dataLength += value.length + 1;
    if (tap?.active) {
      // The line's characters not in `value` (its images) now count in dataLength.
      dataLength += tap.extra;
      const images = tap.takeImages();
      if (images) eventImages = eventImages ? [...eventImages, ...images] : images;
    }
    if (dataLength > maxEventBytes) checkEventSize();
  }

  /** One line from the reader: its field, then the tap is done with it. */
  function onLine(text: string, start: number, end: number): void {
    processLine(text, start, end);
    if (tap?.active) tap.endLine();
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

  function feedText(text: string): void {
    const length = text.length;
    if (length === 0) return;
    let position = lines.start(text);
    if (tap?.decoding) {
      position = tap.continueImage(text, position);
      if (position === length) {
        if (buffered() > maxEventBytes) checkEventSize();
        return;
      }
    }
    const rest = lines.read(text, position);
    if (rest < length) {
      if (buffered() > maxEventBytes) checkEventSize();
      tap?.afterRead(text, rest, data === undefined);
    }
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
        feedText(chunker.decode(bytes));
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
