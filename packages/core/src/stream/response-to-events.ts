import { chatResponseSchema } from '../schemas/chat-response-schema';
import { ImageEventBuilder, type ImageEventOptions } from './image-event-builder';
import type { ImageStreamEvent } from './image-stream-event';
import { parseWire } from './parse-wire';

/**
 * A non-streamed chat completion → the events a stream of the same answer yields, so both fold to
 * the same `ImageGenerationResult`.
 */
export function responseToEvents(
  json: unknown,
  options: ImageEventOptions = {},
): ImageStreamEvent[] {
  const response = parseWire(chatResponseSchema, json, 'The response');
  const b = new ImageEventBuilder(options);
  const events = b.answer(response, (choice) => choice.message);
  if (!b.failed) events.push(b.finish());
  return events;
}
