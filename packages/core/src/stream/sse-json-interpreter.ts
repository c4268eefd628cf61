import { InvalidResponseError } from '../errors/invalid-response-error';
import { StreamTruncatedError } from '../errors/stream-errors';
import { eventDataText } from '../sse/event-data-text';
import type { SseImageBytes, SseItem } from '../sse/sse-item';
import { ImageEventBuilder } from './image-event-builder';
import type { ImageStreamEvent } from './image-stream-event';
import type { ImageStreamInterpreterOptions } from './image-stream-interpreter-options';
import { parseEventJson } from './parse-event-json';
import type { StreamInterpreter } from './stream-interpreter';

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/**
 * What the SSE wires share: keep-alive comments are `processing`, `[DONE]` is the `finish`,
 * events a wire does not name are skipped, JSON is parsed (an event that is not JSON is an
 * `InvalidResponseError` quoting it, redacted), and a body that ends before the run finished is
 * `StreamTruncatedError`. A wire says which events it reads, what one means, and when it is done.
 */
export abstract class SseJsonInterpreter implements StreamInterpreter {
  protected readonly builder: ImageEventBuilder;
  readonly #redact: (text: string) => string;
  #done = false;

  constructor({ redact, ...options }: ImageStreamInterpreterOptions = {}) {
    this.builder = new ImageEventBuilder(options);
    this.#redact = redact ?? ((text) => text);
  }

  abstract get finished(): boolean;

  /** What a run must have sent to count as complete without `[DONE]`, for the truncation error. */
  protected abstract readonly completion: string;

  /** Whether an event of this name (`message` when unnamed) belongs to the wire. */
  protected abstract reads(event: string): boolean;

  /**
   * One parsed event → its events. `images`: what the SSE parser decoded to bytes (`imageBytes`),
   * each standing in `json` as its ref.
   */
  protected abstract interpret(
    json: unknown,
    images: readonly SseImageBytes[] | undefined,
  ): ImageStreamEvent[];

  get done(): boolean {
    return this.#done || this.builder.failed;
  }

  push(item: SseItem): ImageStreamEvent[] {
    if (this.done) return [];
    if (item.type === 'comment') return [{ type: 'processing', comment: item.comment }];
    if (item.type !== 'event') return [];
    if (item.data === '[DONE]') {
      this.#done = true;
      return [this.builder.finish()];
    }
    if (!this.reads(item.event)) return [];
    let json: unknown;
    try {
      json = parseEventJson(item.data, item.images);
    } catch (cause) {
      // Quoted as sent: the images taken out of the data go back in first.
      throw new InvalidResponseError(
        `A stream event is not valid JSON: ${clip(this.#redact(eventDataText(item)))}`,
        { cause },
      );
    }
    return this.interpret(json, item.images);
  }

  /**
   * The body ended. Without `[DONE]` the run still counts as complete when `finished` (proxies
   * drop `[DONE]`); otherwise the stream was cut: `StreamTruncatedError`.
   */
  end(bytesReceived: number): ImageStreamEvent[] {
    if (this.done) return [];
    if (this.finished) {
      this.#done = true;
      return [this.builder.finish()];
    }
    throw new StreamTruncatedError(
      `The stream ended after ${bytesReceived} bytes without ${this.completion} or [DONE]`,
      bytesReceived,
    );
  }
}
