import type { ImageEventOptions } from './image-event-builder';

export interface ImageStreamInterpreterOptions extends ImageEventOptions {
  /**
   * Applied to event data before any of it is quoted in an error: the client removes its key
   * from the whole text first, so that the cut cannot leave a piece of the key behind.
   */
  redact?: (text: string) => string;
}
