import type { GeneratedImage } from '../image/generated-image';
import type { ImageSlot } from './image-slot';
import type { ImageUsage } from './image-stream-event';

/** The outcome of one generation; the same for a streamed and a non-streamed answer. */
export interface ImageGenerationResult {
  id: string | undefined;
  /** As the API reports it, which can be a dated permaslug of the requested id. */
  model: string | undefined;
  provider: string | undefined;
  text: string;
  /** The images that came, in slot order (a slot without one is left out). */
  images: GeneratedImage[];
  /**
   * One per image asked for: `done` with its image and `cost`, `failed` with its error (the
   * images that came are kept), or `not-made` (`n` is an upper bound: a provider may make fewer).
   */
  slots: readonly ImageSlot[];
  usage: ImageUsage | undefined;
  finishReason: string | null;
  nativeFinishReason: string | null;
}
