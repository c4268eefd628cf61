import { unwrapProviderMessage } from '../errors/create-api-error';
import { ResponseTooLargeError } from '../errors/response-too-large-error';
import { StreamError } from '../errors/stream-errors';
import { GeneratedImage } from '../image/generated-image';
import type { ErrorObject } from '../schemas/error-body-schema';
import type { ImageItem } from '../schemas/image-item-schema';
import type { Usage } from '../schemas/usage-schema';
import { imageBytesFor, imageValueText } from '../sse/event-data-text';
import type { SseImageBytes } from '../sse/sse-item';
import type { ImagePolicy, ImageStreamEvent } from './image-stream-event';
import { SeenImageUrls } from './seen-image-urls';
import { toImageUsage } from './to-image-usage';

export interface ImageEventOptions {
  /** Default `replace`. */
  imagePolicy?: ImagePolicy;
  /** Largest decoded image accepted, in bytes (default 64 MiB). */
  maxImageBytes?: number;
  /**
   * Most images one answer may hold (a preview replaced by its final image counts once); past it
   * the answer fails with `ResponseTooLargeError` instead of holding them all. Client default 16.
   */
  maxImagesPerAnswer?: number;
}

export interface ChoiceOutput {
  index?: number | undefined;
  text?: string | null | undefined;
  images?: readonly ImageItem[] | undefined;
  error?: ErrorObject | undefined;
  finishReason?: string | null | undefined;
  nativeFinishReason?: string | null | undefined;
}

/** A choice of a stream chunk or of a whole answer, as the schemas parse it. */
interface TWireChoice {
  index?: number | undefined;
  error?: ErrorObject | undefined;
  finish_reason?: string | null | undefined;
  native_finish_reason?: string | null | undefined;
}

/** The text of a message: a string, or (non-streamed answers) an array of text parts. */
function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  return content
    .map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
    .join('');
}

/**
 * Turns the pieces of an answer (chunk or whole response) into `ImageStreamEvent`s, so that a
 * streamed and a non-streamed answer yield the same events. Holds what spans chunks: response
 * metadata, the finish reason (sent twice by real streams: once alone, once with usage), and
 * which image indexes are filled.
 */
export class ImageEventBuilder {
  id: string | undefined;
  model: string | undefined;
  provider: string | undefined;
  finishReason: string | null = null;
  nativeFinishReason: string | null = null;
  /** A finish reason arrived (the run completed, even if `[DONE]` never does). */
  finished = false;
  /** An error event was emitted; everything after it is ignored. */
  failed = false;

  readonly #policy: ImagePolicy;
  readonly #maxImageBytes: number | undefined;
  readonly #maxImages: number;
  readonly #slots = new Map<string, number>();
  readonly #urls = new SeenImageUrls();
  readonly #seenPerChoice = new Map<number, number>();
  #nextIndex = 0;

  constructor(options: ImageEventOptions = {}) {
    this.#policy = options.imagePolicy ?? 'replace';
    this.#maxImageBytes = options.maxImageBytes;
    this.#maxImages = options.maxImagesPerAnswer ?? Number.POSITIVE_INFINITY;
  }

  meta(meta: {
    id?: string | undefined;
    model?: string | undefined;
    provider?: string | null | undefined;
  }): void {
    if (meta.id) this.id = meta.id;
    if (meta.model) this.model = meta.model;
    if (meta.provider) this.provider = meta.provider;
  }

  /**
   * A parsed stream chunk or whole answer → events: `body` picks where a choice's content sits
   * (`delta` in a chunk, `message` in an answer); everything else is read the same way. `images`:
   * the bytes of an SSE event's images, whose refs stand for their URLs in the chunk.
   */
  answer<TChoice extends TWireChoice>(
    answer: {
      id?: string | undefined;
      model?: string | undefined;
      provider?: string | null | undefined;
      choices?: readonly TChoice[] | undefined;
      error?: ErrorObject | undefined;
      usage?: Usage | null | undefined;
    },
    body: (
      choice: TChoice,
    ) => { content?: unknown; images?: readonly ImageItem[] | undefined } | null | undefined,
    images?: readonly SseImageBytes[],
  ): ImageStreamEvent[] {
    this.meta(answer);
    return this.part(
      {
        choices: (answer.choices ?? []).map((choice) => {
          const content = body(choice);
          return {
            index: choice.index,
            text: textOf(content?.content),
            images: content?.images,
            error: choice.error,
            finishReason: choice.finish_reason,
            nativeFinishReason: choice.native_finish_reason,
          };
        }),
        error: answer.error,
        usage: answer.usage,
      },
      images,
    );
  }

  /**
   * One chunk, or a whole response: its choices, a top-level error (whose `finish_reason:
   * "error"` on the choice is that same error) and usage.
   */
  part(
    part: {
      choices: readonly ChoiceOutput[];
      error?: ErrorObject | undefined;
      usage?: Usage | null | undefined;
    },
    images?: readonly SseImageBytes[],
  ): ImageStreamEvent[] {
    const events: ImageStreamEvent[] = [];
    for (const choice of part.choices) {
      events.push(...this.choice(part.error ? { ...choice, finishReason: null } : choice, images));
    }
    if (part.error) events.push(...this.error(part.error, part.choices[0]));
    events.push(...this.usage(part.usage));
    return events;
  }

  error(error: ErrorObject, choice?: ChoiceOutput): ImageStreamEvent[] {
    if (this.failed) return [];
    this.failed = true;
    return [{ type: 'error', error: this.streamError(error, choice) }];
  }

  /** The `StreamError` an error object reports (the run's, or one image's). */
  streamError(error: ErrorObject, choice?: ChoiceOutput): StreamError {
    const providerMessage = unwrapProviderMessage(error.metadata?.raw);
    const message = error.message ?? 'The API reported an error during generation';
    return new StreamError({
      message:
        providerMessage && providerMessage !== message ? `${message}: ${providerMessage}` : message,
      code: error.code ?? undefined,
      errorType: error.metadata?.error_type ?? error.error_type,
      providerName: error.metadata?.provider_name ?? undefined,
      providerMessage,
      generationId: this.id,
      finishReason: choice?.finishReason,
      nativeFinishReason: choice?.nativeFinishReason,
    });
  }

  choice(choice: ChoiceOutput, images?: readonly SseImageBytes[]): ImageStreamEvent[] {
    if (this.failed) return [];
    const events: ImageStreamEvent[] = [];
    if (typeof choice.text === 'string' && choice.text !== '') {
      events.push({ type: 'text-delta', text: choice.text });
    }
    for (const item of choice.images ?? []) {
      const event = this.#image(choice.index ?? 0, item, images);
      if (event) events.push(event);
    }
    if (choice.error) return [...events, ...this.error(choice.error, choice)];
    if (choice.finishReason === 'error') {
      const native = choice.nativeFinishReason ? ` (native: ${choice.nativeFinishReason})` : '';
      return [
        ...events,
        ...this.error(
          { message: `The generation ended with finish_reason "error"${native}` },
          choice,
        ),
      ];
    }
    if (choice.finishReason && !this.finished) {
      this.finished = true;
      this.finishReason = choice.finishReason;
      this.nativeFinishReason = choice.nativeFinishReason ?? null;
    }
    return events;
  }

  usage(usage: Usage | null | undefined): ImageStreamEvent[] {
    if (this.failed || !usage) return [];
    return [{ type: 'usage', usage: toImageUsage(usage) }];
  }

  finish(): ImageStreamEvent {
    return {
      type: 'finish',
      reason: this.finishReason,
      nativeReason: this.nativeFinishReason,
      id: this.id,
      model: this.model,
      provider: this.provider,
    };
  }

  #image(
    choiceIndex: number,
    item: ImageItem,
    images: readonly SseImageBytes[] | undefined,
  ): ImageStreamEvent | undefined {
    const url = item.image_url.url;
    const bytes = imageBytesFor(url, images);
    // Without an explicit index, each image is a new one: replacing on position alone could
    // drop a second, different image.
    const seen = this.#seenPerChoice.get(choiceIndex) ?? 0;
    this.#seenPerChoice.set(choiceIndex, seen + 1);
    const key = `${choiceIndex}:${item.index ?? `#${seen}`}`;
    if (this.#policy === 'dedupe-by-url' && this.#urls.has(url, bytes)) return undefined;
    let index = this.#policy === 'replace' ? this.#slots.get(key) : undefined;
    // Checked before the image is decoded or kept: one more image would be held.
    if (index === undefined && this.#nextIndex >= this.#maxImages) {
      throw new ResponseTooLargeError({
        limit: 'maxImagesPerAnswer',
        max: this.#maxImages,
        received: this.#nextIndex + 1,
      });
    }
    this.#urls.add(url, bytes);
    const options = this.#maxImageBytes === undefined ? {} : { maxBytes: this.#maxImageBytes };
    // Bytes the SSE parser decoded on the way: the same image and checks, without the string.
    const image = !bytes
      ? GeneratedImage.fromUrl(url, options)
      : bytes.mediaType === undefined
        ? GeneratedImage.fromUrl(imageValueText(bytes), options)
        : GeneratedImage.fromBytes(bytes.parts, { ...options, mediaType: bytes.mediaType });
    if (index === undefined) {
      index = this.#nextIndex++;
      this.#slots.set(key, index);
    }
    return { type: 'image', image, index };
  }
}
