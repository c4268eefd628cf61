import type { ImageGenerationResult } from './image-generation-result';
import { ImageResultAccumulator } from './image-result-accumulator';
import type { ImageStreamEvent } from './image-stream-event';

/** Folds a run's events into its result; throws the in-band error, or `NoImageGeneratedError`. */
export async function foldImageStream(
  events: Iterable<ImageStreamEvent> | AsyncIterable<ImageStreamEvent>,
): Promise<ImageGenerationResult> {
  const accumulator = new ImageResultAccumulator();
  for await (const event of events) accumulator.add(event);
  return accumulator.result();
}
