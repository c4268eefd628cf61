import type { GeneratedImage, ImageSlot, PartialImage } from '@lunos-image/core';
import type {
  GenerationFieldViews,
  GenerationState,
  ShownImages,
  ShownImagesHolder,
} from '@lunos-image/core/adapter';
import { ObjectUrlRegistry } from './object-url-registry';

/** One image as a component shows it. */
export interface GeneratedImageView {
  /** Its place in the result; a progressive image keeps its index when it is replaced. */
  readonly index: number;
  /**
   * An object URL made once from the image's bytes, and revoked when the image is replaced or
   * dropped (after the render that stops showing it), on `reset` and on unmount. An https image
   * (or a runtime without `URL.createObjectURL`) gets the image's own URL instead.
   */
  readonly url: string;
  readonly mimeType: string;
  readonly width?: number;
  readonly height?: number;
  readonly byteLength?: number;
  /** The run that produced it (see `keep`). */
  readonly runId: number;
  /** The image itself: `bytes()`, `blob()`, the data URL as received. */
  readonly image: GeneratedImage;
}

/** The latest preview of a slot whose image is still being made. */
export interface PartialImageView extends GeneratedImageView {
  /** Which preview of its slot this is (0, 1, 2…); `index` is the slot. */
  readonly partialIndex: number;
}

/**
 * Core's `GenerationState`, with `images`, `partials` and `slots` as views that carry an object
 * URL. Slot `i` (`slots[i]`) shows its `image`, else its `partial` preview, else its `status`.
 */
export type ImageGenerationState = Omit<GenerationState, keyof ImageFieldViews> & ImageFieldViews;

/**
 * One image the run asked for, as a component shows it: core's `ImageSlot` (`index`, `status`,
 * `error`, `cost`) with views of its image or its latest preview.
 */
export interface ImageSlotView extends Omit<ImageSlot, 'image' | 'partial'> {
  readonly image: GeneratedImageView | undefined;
  readonly partial: PartialImageView | undefined;
}

/** The fields React shows as views with object URLs. */
export interface ImageFieldViews {
  images: readonly GeneratedImageView[];
  partials: readonly (PartialImageView | undefined)[];
  slots: readonly ImageSlotView[];
}

const NO_PARTIALS: readonly (PartialImageView | undefined)[] = Object.freeze([]);

/**
 * The React-only part of image state: views of the shown images with object URLs. A URL is made
 * the first time a render reads `images` (a component that never does pays nothing); the core
 * observer tells this holder which images the latest state or the last committed render still
 * shows (`retain`), so no committed render shows a revoked URL, and when no one has watched for
 * a tick (`releaseAll`).
 */
export class ImageViews implements ShownImagesHolder<ImageFieldViews> {
  readonly #registry = new ObjectUrlRegistry();
  readonly #views = new Map<GeneratedImage, GeneratedImageView>();
  readonly #lists = new WeakMap<object, readonly (GeneratedImageView | undefined)[]>();
  readonly #slotLists = new WeakMap<readonly ImageSlot[], readonly ImageSlotView[]>();

  /** What the observer's `trackResult` gives a render for these fields. */
  readonly views: GenerationFieldViews<ImageFieldViews> = {
    images: (snapshot) => this.viewsOf(snapshot.shown),
    partials: (snapshot) => this.partialViewsOf(snapshot.source.partials, snapshot.source.runId),
    slots: (snapshot) => this.slotViewsOf(snapshot.source.slots, snapshot.source.runId),
  };

  /** The views of `shown`: the same array for the same `shown`, the same view per image. */
  viewsOf(shown: ShownImages): readonly GeneratedImageView[] {
    let list = this.#lists.get(shown) as readonly GeneratedImageView[] | undefined;
    if (list) return list;
    const views: GeneratedImageView[] = [];
    shown.images.forEach((image, index) => {
      views.push(this.#viewOf(image, index, shown.runId));
    });
    list = Object.freeze(views);
    this.#lists.set(shown, list);
    return list;
  }

  /** The views of a run's partial previews, by slot: the same array for the same list. */
  partialViewsOf(
    partials: readonly (PartialImage | undefined)[],
    runId: number,
  ): readonly (PartialImageView | undefined)[] {
    if (partials.length === 0) return NO_PARTIALS;
    let list = this.#lists.get(partials) as readonly (PartialImageView | undefined)[] | undefined;
    if (list) return list;
    const views: (PartialImageView | undefined)[] = [];
    for (let slot = 0; slot < partials.length; slot++) {
      const partial = partials[slot];
      views.push(partial && this.#viewOf(partial.image, slot, runId, partial.partialIndex));
    }
    list = Object.freeze(views);
    this.#lists.set(partials, list);
    return list;
  }

  /** The views of a run's slots: the same array for the same list, the same view per image. */
  slotViewsOf(slots: readonly ImageSlot[], runId: number): readonly ImageSlotView[] {
    let list = this.#slotLists.get(slots);
    if (list) return list;
    list = Object.freeze(
      slots.map((slot) =>
        Object.freeze({
          ...slot,
          image: slot.image && this.#viewOf(slot.image, slot.index, runId),
          partial:
            slot.partial &&
            this.#viewOf(slot.partial.image, slot.index, runId, slot.partial.partialIndex),
        }),
      ),
    );
    this.#slotLists.set(slots, list);
    return list;
  }

  #viewOf(image: GeneratedImage, index: number, runId: number): GeneratedImageView;
  #viewOf(
    image: GeneratedImage,
    index: number,
    runId: number,
    partialIndex: number,
  ): PartialImageView;
  #viewOf(
    image: GeneratedImage,
    index: number,
    runId: number,
    partialIndex?: number,
  ): GeneratedImageView {
    let view = this.#views.get(image);
    if (!view) {
      view = Object.freeze({
        index,
        url: this.#registry.urlFor(image),
        mimeType: image.mimeType,
        width: image.width,
        height: image.height,
        byteLength: image.byteLength,
        runId,
        image,
        ...(partialIndex !== undefined && { partialIndex }),
      });
      this.#views.set(image, view);
    }
    return view;
  }

  retain(keep: ReadonlySet<GeneratedImage>): void {
    this.#registry.retain(keep);
    for (const image of this.#views.keys()) if (!keep.has(image)) this.#views.delete(image);
  }

  releaseAll(): void {
    this.#registry.revokeAll();
    this.#views.clear();
  }

  /** Live object URLs (for tests and devtools). */
  get objectUrlCount(): number {
    return this.#registry.size;
  }
}
