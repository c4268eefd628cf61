import { NoImageGeneratedError } from '../errors/stream-errors';
import type { GeneratedImage } from '../image/generated-image';
import type { ImageGenerationResult } from './image-generation-result';
import type { ImageStreamEvent, ImageUsage } from './image-stream-event';

/** Folds events one at a time; `ImageStream.result()` and `foldImageStream` share it. */
export class ImageResultAccumulator {
  text = '';
  readonly images: GeneratedImage[] = [];
  usage: ImageUsage | undefined;
  #finish: Extract<ImageStreamEvent, { type: 'finish' }> | undefined;

  add(event: ImageStreamEvent): void {
    switch (event.type) {
      case 'text-delta':
        this.text += event.text;
        break;
      case 'image':
        this.images[event.index] = event.image;
        break;
      case 'usage':
        this.usage = event.usage;
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
    const images = this.images.filter(Boolean);
    if (images.length === 0) {
      throw new NoImageGeneratedError(
        finish?.reason ?? null,
        finish?.nativeReason ?? null,
        this.text,
      );
    }
    return {
      id: finish?.id,
      model: finish?.model,
      provider: finish?.provider,
      text: this.text,
      images,
      usage: this.usage,
      finishReason: finish?.reason ?? null,
      nativeFinishReason: finish?.nativeReason ?? null,
    };
  }
}

/** Folds a run's events into its result; throws the in-band error, or `NoImageGeneratedError`. */
export async function foldImageStream(
  events: Iterable<ImageStreamEvent> | AsyncIterable<ImageStreamEvent>,
): Promise<ImageGenerationResult> {
  const accumulator = new ImageResultAccumulator();
  for await (const event of events) accumulator.add(event);
  return accumulator.result();
}
