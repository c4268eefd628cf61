import { InvalidResponseError } from '../errors/invalid-response-error';
import { ResponseTooLargeError } from '../errors/response-too-large-error';
import { StreamTruncatedError } from '../errors/stream-errors';
import { GeneratedImage } from '../image/generated-image';
import type { ErrorObject } from '../schemas/error-body-schema';
import {
  IMAGES_STREAM_EVENT_TYPES,
  imagesStreamEventSchema,
} from '../schemas/images-stream-event-schema';
import type { SseItem } from '../sse/sse-item';
import { asChatError } from './as-chat-error';
import { ImageEventBuilder } from './image-event-builder';
import type { ImageStreamEvent } from './image-stream-event';
import type { ImageStreamInterpreterOptions } from './image-stream-interpreter';
import { imagesDataUrl } from './images-data-url';
import { parseEventJson } from './parse-event-json';
import { parseWire } from './parse-wire';
import type { StreamInterpreter } from './stream-interpreter';

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** Text phases that are the answer; `reasoning` and `draft` are the provider thinking aloud. */
const isContent = (phase: string | null | undefined) => !phase || phase === 'content';

/**
 * SSE items of a streamed `POST /images` answer → `ImageStreamEvent`s, the same events a chat
 * stream yields: `image_generation.partial_image` → `partial-image` for the slot being made (the
 * number of images completed so far), `text_chunk` of the content phase → `text-delta`,
 * `completed` → `image` in the next slot and `usage`, an `error` event → `error`, `[DONE]` →
 * `finish`. Unknown event types are skipped. A stream that ends without `[DONE]` is complete once
 * an image has completed, and `StreamTruncatedError` before.
 */
export class ImagesStreamInterpreter implements StreamInterpreter {
  readonly #builder: ImageEventBuilder;
  readonly #redact: (text: string) => string;
  readonly #maxBytes: { maxBytes?: number };
  readonly #maxImages: number;
  #completed = 0;
  #done = false;

  constructor({ redact, ...options }: ImageStreamInterpreterOptions = {}) {
    this.#builder = new ImageEventBuilder(options);
    this.#redact = redact ?? ((text) => text);
    this.#maxBytes = options.maxImageBytes === undefined ? {} : { maxBytes: options.maxImageBytes };
    this.#maxImages = options.maxImagesPerAnswer ?? Number.POSITIVE_INFINITY;
  }

  /** An image completed: the run has a result even if `[DONE]` never comes. */
  get finished(): boolean {
    return this.#completed > 0;
  }

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
    // Some servers name each event after its type (`event: image_generation.completed`); any
    // other named event (a ping) is not part of this API.
    const named = item.event !== 'message' && item.event !== '';
    if (named && item.event !== 'error' && !item.event.startsWith('image_generation.')) return [];

    let json: unknown;
    try {
      json = parseEventJson(item.data);
    } catch (cause) {
      throw new InvalidResponseError(
        `A stream event is not valid JSON: ${clip(this.#redact(item.data))}`,
        { cause },
      );
    }
    const type = (json as { type?: unknown } | null)?.type;
    // An error object without a type is still an error (the chat route's in-band shape).
    if (type === undefined && typeof (json as { error?: unknown } | null)?.error === 'object') {
      return this.#builder.part({
        choices: [],
        error: asChatError((json as { error: ErrorObject }).error),
      });
    }
    if (typeof type !== 'string' || !IMAGES_STREAM_EVENT_TYPES.has(type)) return [];
    const event = parseWire(imagesStreamEventSchema, json, 'A stream event');
    switch (event.type) {
      case 'image_generation.partial_image': {
        const index = this.#completed;
        // Checked before the preview is decoded: its slot would be one image too many.
        if (index >= this.#maxImages) {
          throw new ResponseTooLargeError({
            limit: 'maxImagesPerAnswer',
            max: this.#maxImages,
            received: index + 1,
          });
        }
        const image = GeneratedImage.fromUrl(imagesDataUrl(event.b64_json), this.#maxBytes);
        return [{ type: 'partial-image', image, index, partialIndex: event.partial_image_index }];
      }
      case 'image_generation.text_chunk':
        return isContent(event.phase) && event.text !== ''
          ? [{ type: 'text-delta', text: event.text }]
          : [];
      case 'image_generation.completed': {
        const url = imagesDataUrl(event.b64_json, event.media_type);
        const events = this.#builder.part({
          choices: [{ index: 0, images: [{ image_url: { url }, index: this.#completed }] }],
          usage: event.usage,
        });
        this.#completed += events.filter((e) => e.type === 'image').length;
        return events;
      }
      case 'error':
        return this.#builder.part({ choices: [], error: asChatError(event.error) });
    }
  }

  end(bytesReceived: number): ImageStreamEvent[] {
    if (this.done) return [];
    if (this.finished) {
      this.#done = true;
      return [this.#builder.finish()];
    }
    throw new StreamTruncatedError(
      `The stream ended after ${bytesReceived} bytes without a completed image or [DONE]`,
      bytesReceived,
    );
  }
}
