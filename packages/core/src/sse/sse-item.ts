/**
 * A base64 image that `createSseParser({ imageBytes: true })` decoded straight from the stream:
 * in the event's `data`, the JSON string that held it holds `ref` instead.
 */
export interface SseImageBytes {
  /**
   * The string value standing in for the image in `data` (it starts with a NUL, which no image
   * URL does, and carries a per-parser random part, so the server cannot forge one).
   */
  ref: string;
  /**
   * `image/png` when the string was a data URL `data:image/png;base64,<payload>`; `undefined`
   * when it was bare base64 (the Images API's `b64_json`).
   */
  mediaType: string | undefined;
  /**
   * The decoded payload in consecutive parts, as the parser decoded it read by read (no copy was
   * made to join them): `GeneratedImage.fromBytes` takes them as they are, `joinBytes` makes one
   * array of them.
   */
  parts: readonly Uint8Array[];
}

/**
 * What the SSE decoder reports, in stream order: dispatched events, comments (OpenRouter's
 * `: OPENROUTER PROCESSING` keep-alives) and reconnection times.
 */
export type SseItem =
  | {
      type: 'event';
      /** The `event:` field, `'message'` when the event had none. */
      event: string;
      /** The `data:` lines joined with `\n`. */
      data: string;
      /** The last event ID buffer when the event was dispatched (`''` until an `id:` field). */
      id: string;
      /**
       * Only with the parser's `imageBytes` option, only when it took an image out of `data`:
       * the images, each `ref` in `data` once. `eventDataText` gives back the data as sent.
       */
      images?: readonly SseImageBytes[];
    }
  | {
      type: 'comment';
      /** Everything after the `:`, verbatim (`' OPENROUTER PROCESSING'`). */
      comment: string;
    }
  | {
      type: 'retry';
      /** The reconnection time in milliseconds. */
      retry: number;
    };
