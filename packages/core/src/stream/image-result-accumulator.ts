import { NoImageGeneratedError } from '../errors/stream-errors';
import type { GeneratedImage } from '../image/generated-image';
import type { ImageGenerationResult } from './image-generation-result';
import type { ImageStreamEvent, ImageUsage } from './image-stream-event';

const NO_IMAGES: readonly GeneratedImage[] = Object.freeze([]);

/**
 * The one fold of a run's events: `GenerationStore` (its snapshots), `ImageStream.result()`,
 * `foldImageStream` and `toImageGenerationResult` all add events here. `images` is replaced, never
 * changed in place, so a snapshot can hold it as is; an image with a known index replaces the one
 * before it. An `error` event throws its error.
 */
export class ImageResultAccumulator {
  #text = '';
  #images: readonly GeneratedImage[] = NO_IMAGES;
  #usage: ImageUsage | undefined;
  #finish: Extract<ImageStreamEvent, { type: 'finish' }> | undefined;

  get text(): string {
    return this.#text;
  }

  /** By index; an index not filled yet is a hole until its image arrives. */
  get images(): readonly GeneratedImage[] {
    return this.#images;
  }

  get usage(): ImageUsage | undefined {
    return this.#usage;
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
        break;
      }
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
      usage: this.#usage,
      finishReason: finish?.reason ?? null,
      nativeFinishReason: finish?.nativeReason ?? null,
    };
  }
}
