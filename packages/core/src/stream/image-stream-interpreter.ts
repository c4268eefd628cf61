import { streamChunkSchema } from '../schemas/stream-chunk-schema';
import type { SseImageBytes } from '../sse/sse-item';
import type { ImageStreamEvent } from './image-stream-event';
import { parseWire } from './parse-wire';
import { SseJsonInterpreter } from './sse-json-interpreter';

export type { ImageStreamInterpreterOptions } from './image-stream-interpreter-options';

/**
 * SSE items of a chat-completions stream → `ImageStreamEvent`s. Handles what real streams do:
 * keep-alive comments, `content: ""` repeated, the finish chunk followed by a usage chunk that
 * repeats `finish_reason`, usage with empty `choices`, images in any chunk, in-band errors, and a
 * stream that ends without `[DONE]`.
 */
export class ImageStreamInterpreter extends SseJsonInterpreter {
  protected readonly completion = 'a finish reason';

  /** A finish reason arrived: the run is complete even if `[DONE]` never comes. */
  get finished(): boolean {
    return this.builder.finished;
  }

  // Named events other than the default are not part of this API; they are not chunks.
  protected reads(event: string): boolean {
    return event === 'message' || event === '';
  }

  protected interpret(
    json: unknown,
    images: readonly SseImageBytes[] | undefined,
  ): ImageStreamEvent[] {
    const chunk = parseWire(streamChunkSchema, json, 'A stream chunk');
    return this.builder.answer(chunk, (choice) => choice.delta, images);
  }
}
