import { NoImageGeneratedError, type StreamError } from '../errors/stream-errors';
import type { GeneratedImage } from '../image/generated-image';
import type { ImageGenerationResult } from './image-generation-result';
import { type ImageSlot, type ImageSlotStatus, settleImageSlots } from './image-slot';
import type { ImageStreamEvent, ImageUsage } from './image-stream-event';

const NO_IMAGES: readonly GeneratedImage[] = Object.freeze([]);

/** The latest preview of a slot whose image has not arrived yet. */
export interface PartialImage {
  image: GeneratedImage;
  /** Which preview of the slot it is (0, 1, 2…). */
  partialIndex: number;
}

const NO_PARTIALS: readonly (PartialImage | undefined)[] = Object.freeze([]);

/**
 * The one fold of a run's events: `GenerationStore` (its snapshots), `ImageStream.result()`,
 * `foldImageStream` and `toImageGenerationResult` all add events here. `images` is replaced, never
 * changed in place, so a snapshot can hold it as is; an image with a known index replaces the one
 * before it. An `error` event throws its error. Partial images are kept apart (`partials`), one
 * per slot until that slot's image arrives, and never reach the result. `slots` says where each
 * image asked for stands (an `image-error` fails its slot, and the run goes on).
 */
export class ImageResultAccumulator {
  readonly #requested: number;
  #text = '';
  #images: readonly GeneratedImage[] = NO_IMAGES;
  #partials: readonly (PartialImage | undefined)[] = NO_PARTIALS;
  #failures: (StreamError | undefined)[] = [];
  #costs: (number | undefined)[] = [];
  /** Made on first read after a change. */
  #slots: readonly ImageSlot[] | undefined;
  #usage: ImageUsage | undefined;
  #finish: Extract<ImageStreamEvent, { type: 'finish' }> | undefined;

  /** `slots`: how many images were asked for (`n`; one on chat); more slots appear if more come. */
  constructor(options: { slots?: number | undefined } = {}) {
    this.#requested = options.slots ?? 1;
  }

  get text(): string {
    return this.#text;
  }

  /** By index; an index not filled yet is a hole until its image arrives. */
  get images(): readonly GeneratedImage[] {
    return this.#images;
  }

  /**
   * The latest preview of each slot still being made, by slot (a hole where there is none);
   * replaced, never changed in place, like `images`.
   */
  get partials(): readonly (PartialImage | undefined)[] {
    return this.#partials;
  }

  get usage(): ImageUsage | undefined {
    return this.#usage;
  }

  /**
   * One per image asked for (or that came), while the run goes: `waiting`, `previewing`, `done`
   * or `failed`. The same array until a slot changes.
   */
  get slots(): readonly ImageSlot[] {
    this.#slots ??= this.#makeSlots();
    return this.#slots;
  }

  add(event: ImageStreamEvent): void {
    switch (event.type) {
      case 'text-delta':
        this.#text += event.text;
        break;
      case 'image': {
        const next = this.#images.slice();
        next[event.index] = event.image;
        this.#images = Object.freeze(next);
        this.#costs[event.index] = event.cost;
        if (this.#partials[event.index]) this.#setPartial(event.index, undefined);
        this.#slots = undefined;
        break;
      }
      case 'partial-image':
        // A preview arriving after its slot's image is stale.
        if (this.#images[event.index]) break;
        this.#setPartial(event.index, { image: event.image, partialIndex: event.partialIndex });
        this.#slots = undefined;
        break;
      case 'image-error':
        this.#failures[event.index] = event.error;
        if (this.#partials[event.index]) this.#setPartial(event.index, undefined);
        this.#slots = undefined;
        break;
      case 'usage':
        this.#usage = event.usage;
        break;
      case 'finish':
        this.#finish = event;
        break;
      case 'error':
        throw event.error;
      case 'processing':
        break;
    }
  }

  #makeSlots(): readonly ImageSlot[] {
    const count = Math.max(
      this.#requested,
      this.#images.length,
      this.#partials.length,
      this.#failures.length,
    );
    const slots: ImageSlot[] = [];
    for (let index = 0; index < count; index++) {
      const image = this.#images[index];
      const partial = image ? undefined : this.#partials[index];
      const error = image ? undefined : this.#failures[index];
      const status: ImageSlotStatus = image
        ? 'done'
        : error
          ? 'failed'
          : partial
            ? 'previewing'
            : 'waiting';
      const cost = image ? this.#costs[index] : undefined;
      slots.push(Object.freeze({ index, status, image, partial, error, cost }));
    }
    return Object.freeze(slots);
  }

  #setPartial(index: number, partial: PartialImage | undefined): void {
    const next = this.#partials.slice();
    next[index] = partial;
    this.#partials = next.some(Boolean) ? Object.freeze(next) : NO_PARTIALS;
  }

  /** The result; `NoImageGeneratedError` when the run finished without an image. */
  result(): ImageGenerationResult {
    const finish = this.#finish;
    const images = this.#images.filter(Boolean);
    if (images.length === 0) {
      throw new NoImageGeneratedError(
        finish?.reason ?? null,
        finish?.nativeReason ?? null,
        this.#text,
      );
    }
    return {
      id: finish?.id,
      model: finish?.model,
      provider: finish?.provider,
      text: this.#text,
      images,
      slots: settleImageSlots(this.slots),
      usage: this.#usage,
      finishReason: finish?.reason ?? null,
      nativeFinishReason: finish?.nativeReason ?? null,
    };
  }
}
