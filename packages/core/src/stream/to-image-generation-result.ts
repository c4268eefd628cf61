import type { ImageEventOptions } from './image-event-builder';
import type { ImageGenerationResult } from './image-generation-result';
import { ImageResultAccumulator } from './image-result-accumulator';
import { responseToEvents } from './response-to-events';

/** A non-streamed chat completion (parsed JSON) → the same result its streamed twin folds to. */
export function toImageGenerationResult(
  response: unknown,
  options: ImageEventOptions = {},
): ImageGenerationResult {
  const accumulator = new ImageResultAccumulator();
  for (const event of responseToEvents(response, options)) accumulator.add(event);
  return accumulator.result();
}
