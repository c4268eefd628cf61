import { InvalidResponseError } from '../errors/invalid-response-error';
import { StreamTruncatedError } from '../errors/stream-errors';
import { streamChunkSchema } from '../schemas/stream-chunk-schema';
import type { SseItem } from '../sse/sse-item';
import { ImageEventBuilder, type ImageEventOptions } from './image-event-builder';
import type { ImageStreamEvent } from './image-stream-event';
import { parseEventJson } from './parse-event-json';
import { parseWire } from './parse-wire';
import type { StreamInterpreter } from './stream-interpreter';

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

export interface ImageStreamInterpreterOptions extends ImageEventOptions {
  /**
   * Applied to event data before any of it is quoted in an error: the client removes its key
   * from the whole text first, so that the cut cannot leave a piece of the key behind.
   */
  redact?: (text: string) => string;
}

/**
 * SSE items of a chat-completions stream → `ImageStreamEvent`s. Handles what real streams do:
 * keep-alive comments, `content: ""` repeated, the finish chunk followed by a usage chunk that
 * repeats `finish_reason`, usage with empty `choices`, images in any chunk, in-band errors, and a
 * stream that ends without `[DONE]`.
 */
export class ImageStreamInterpreter implements StreamInterpreter {
  readonly #builder: ImageEventBuilder;
  readonly #redact: (text: string) => string;
  #done = false;

  constructor({ redact, ...options }: ImageStreamInterpreterOptions = {}) {
    this.#builder = new ImageEventBuilder(options);
    this.#redact = redact ?? ((text) => text);
  }

  /** A finish reason arrived: the run is complete even if `[DONE]` never comes. */
  get finished(): boolean {
    return this.#builder.finished;
  }

  /** `[DONE]` arrived or an error was reported: nothing after this matters. */
  get done(): boolean {
    return this.#done || this.#builder.failed;
  }

  push(item: SseItem): ImageStreamEvent[] {
    if (this.done) return [];
    if (item.type === 'comment') return [{ type: 'processing', comment: item.comment }];
    if (item.type !== 'event') return [];
    if (item.data === '[DONE]') {
      this.#done = true;
      return [this.#builder.finish()];
    }
    // Named events other than the default are not part of this API; they are not chunks.
    if (item.event !== 'message' && item.event !== '') return [];

    let json: unknown;
    try {
      json = parseEventJson(item.data);
    } catch (cause) {
      throw new InvalidResponseError(
        `A stream event is not valid JSON: ${clip(this.#redact(item.data))}`,
        {
          cause,
        },
      );
    }
    const chunk = parseWire(streamChunkSchema, json, 'A stream chunk');
    return this.#builder.answer(chunk, (choice) => choice.delta);
  }

  /**
   * The body ended. Without `[DONE]` the run still counts as complete when a finish reason came
   * (proxies drop `[DONE]`); with neither, the stream was cut: `StreamTruncatedError`.
   */
  end(bytesReceived: number): ImageStreamEvent[] {
    if (this.done) return [];
    if (this.#builder.finished) {
      this.#done = true;
      return [this.#builder.finish()];
    }
    throw new StreamTruncatedError(
      `The stream ended after ${bytesReceived} bytes without a finish reason or [DONE]`,
      bytesReceived,
    );
  }
}
