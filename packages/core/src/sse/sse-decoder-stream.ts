import { createSseParser, type SseParser, type SseParserOptions } from './create-sse-parser';
import type { SseItem } from './sse-item';

/**
 * The SSE decoder as a `TransformStream`: pipe a response body through it to get `SseItem`s.
 * An event over `maxEventBytes` errors the stream with an `SseEventTooLargeError`.
 *
 * ```ts
 * const items = response.body.pipeThrough(new SseDecoderStream());
 * ```
 */
export class SseDecoderStream extends TransformStream<Uint8Array | string, SseItem> {
  constructor(options: SseParserOptions = {}) {
    let parser: SseParser | undefined;
    super({
      start(controller) {
        parser = createSseParser((item) => controller.enqueue(item), options);
      },
      transform(chunk) {
        parser!.feed(chunk);
      },
      flush() {
        parser!.end();
      },
    });
  }
}
