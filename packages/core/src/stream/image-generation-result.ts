import type { GeneratedImage } from '../image/generated-image';
import type { ImageUsage } from './image-stream-event';

/** The outcome of one generation; the same for a streamed and a non-streamed answer. */
export interface ImageGenerationResult {
  id: string | undefined;
  /** As the API reports it, which can be a dated permaslug of the requested id. */
  model: string | undefined;
  provider: string | undefined;
  text: string;
  images: GeneratedImage[];
  usage: ImageUsage | undefined;
  finishReason: string | null;
  nativeFinishReason: string | null;
}
