import { ResponseTooLargeError } from '../errors/response-too-large-error';
import { GeneratedImage } from '../image/generated-image';
import type { ErrorObject } from '../schemas/error-body-schema';
import {
  IMAGES_STREAM_EVENT_TYPES,
  imagesStreamEventSchema,
} from '../schemas/images-stream-event-schema';
import { imageBytesFor } from '../sse/event-data-text';
import type { SseImageBytes } from '../sse/sse-item';
import { asChatError } from './as-chat-error';
import type { ImageStreamEvent } from './image-stream-event';
import type { ImageStreamInterpreterOptions } from './image-stream-interpreter-options';
import { imagesDataUrl, imagesImageBytes } from './images-data-url';
import { parseWire } from './parse-wire';
import { SseJsonInterpreter } from './sse-json-interpreter';

/** Text phases that are the answer; `reasoning` and `draft` are the provider thinking aloud. */
const isContent = (phase: string | null | undefined) => !phase || phase === 'content';

/**
 * SSE items of a streamed `POST /images` answer → `ImageStreamEvent`s, the same events a chat
 * stream yields: `image_generation.partial_image` → `partial-image` for the slot being made,
 * `text_chunk` of the content phase → `text-delta`, `completed` → `image` in that slot (with what
 * the usage so far grew by as its `cost`) and `usage`, `[DONE]` → `finish`. Unknown event types
 * are skipped. A stream that ends without `[DONE]` is complete once an image has completed, and
 * `StreamTruncatedError` before.
 *
 * An `error` event names no slot. Before any image completed it is the run's `error` (nothing
 * after it counts). Once one has, it ends the slot being made (`image-error`): the images that
 * came are paid for and kept, and the stream is read on, so an image completed after it takes
 * the next slot.
 */
export class ImagesStreamInterpreter extends SseJsonInterpreter {
  protected readonly completion = 'a completed image';
  readonly #maxBytes: { maxBytes?: number };
  readonly #maxImages: number;
  #completed = 0;
  /** The slot being made: images completed plus slots ended by an error. */
  #slot = 0;
  /** USD billed so far: each completed event carries the usage of the images done until then. */
  #billed: number | undefined;

  constructor(options: ImageStreamInterpreterOptions = {}) {
    super(options);
    this.#maxBytes = options.maxImageBytes === undefined ? {} : { maxBytes: options.maxImageBytes };
    this.#maxImages = options.maxImagesPerAnswer ?? Number.POSITIVE_INFINITY;
  }

  /** An image completed: the run has a result even if `[DONE]` never comes. */
  get finished(): boolean {
    return this.#completed > 0;
  }

  // Some servers name each event after its type (`event: image_generation.completed`); any
  // other named event (a ping) is not part of this API.
  protected reads(event: string): boolean {
    return (
      event === 'message' ||
      event === '' ||
      event === 'error' ||
      event.startsWith('image_generation.')
    );
  }

  protected interpret(
    json: unknown,
    images: readonly SseImageBytes[] | undefined,
  ): ImageStreamEvent[] {
    const object = (typeof json === 'object' && json !== null ? json : {}) as {
      type?: unknown;
      error?: unknown;
    };
    // An error object without a type is still an error (the chat route's in-band shape).
    if (object.type === undefined && typeof object.error === 'object' && object.error !== null) {
      return this.#error(object.error as ErrorObject);
    }
    if (typeof object.type !== 'string' || !IMAGES_STREAM_EVENT_TYPES.has(object.type)) return [];
    const event = parseWire(imagesStreamEventSchema, json, 'A stream event');
    switch (event.type) {
      case 'image_generation.partial_image': {
        const index = this.#slot;
        // Checked before the preview is decoded: its slot would be one image too many.
        if (index >= this.#maxImages) {
          throw new ResponseTooLargeError({
            limit: 'maxImagesPerAnswer',
            max: this.#maxImages,
            received: index + 1,
          });
        }
        // Bytes the SSE parser decoded on the way: the same image, without the string.
        const bytes = imageBytesFor(event.b64_json, images);
        const image = bytes
          ? GeneratedImage.fromBytes(bytes.parts, {
              ...this.#maxBytes,
              mediaType: imagesImageBytes(bytes).mediaType!,
            })
          : GeneratedImage.fromUrl(imagesDataUrl(event.b64_json), this.#maxBytes);
        return [{ type: 'partial-image', image, index, partialIndex: event.partial_image_index }];
      }
      case 'image_generation.text_chunk':
        return isContent(event.phase) && event.text !== ''
          ? [{ type: 'text-delta', text: event.text }]
          : [];
      case 'image_generation.completed': {
        const bytes = imageBytesFor(event.b64_json, images);
        // As bytes: the ref stands for the URL, and the builder resolves it with its type.
        const url = bytes ? event.b64_json : imagesDataUrl(event.b64_json, event.media_type);
        const slot = this.#slot;
        const events = this.builder.part(
          {
            choices: [{ index: 0, images: [{ image_url: { url }, index: slot }] }],
            usage: event.usage,
          },
          bytes && [imagesImageBytes(bytes, event.media_type)],
        );
        const cost = this.#costOf(event.usage?.cost);
        const made = events.filter((e) => e.type === 'image').length;
        this.#completed += made;
        this.#slot += made;
        // The slot, not the builder's count of images: a slot that failed holds no image.
        return events.map((e) =>
          e.type === 'image' ? { ...e, index: slot, ...(cost !== undefined && { cost }) } : e,
        );
      }
      case 'error':
        return this.#error(event.error);
    }
  }

  /** The run's error before any image completed; after, the error of the slot being made. */
  #error(error: ErrorObject): ImageStreamEvent[] {
    if (this.#completed === 0) return this.builder.part({ choices: [], error: asChatError(error) });
    return [
      {
        type: 'image-error',
        index: this.#slot++,
        error: this.builder.streamError(asChatError(error)),
      },
    ];
  }

  /** What the usage so far grew by with this image (float noise rounded off). */
  #costOf(total: number | null | undefined): number | undefined {
    if (typeof total !== 'number') return undefined;
    const cost = total - (this.#billed ?? 0);
    this.#billed = total;
    return Math.round(cost * 1e12) / 1e12;
  }
}
