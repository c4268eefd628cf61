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
