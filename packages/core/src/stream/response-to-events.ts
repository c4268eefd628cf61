import { chatResponseSchema } from '../schemas/chat-response-schema';
import type { SseImageBytes } from '../sse/sse-item';
import { ImageEventBuilder, type ImageEventOptions } from './image-event-builder';
import type { ImageStreamEvent } from './image-stream-event';
import { parseWire } from './parse-wire';

/**
 * A non-streamed chat completion → the events a stream of the same answer yields, so both fold to
 * the same `ImageGenerationResult`. `images`: bytes whose refs stand for image URLs in `json`.
 */
export function responseToEvents(
  json: unknown,
  options: ImageEventOptions = {},
  images?: readonly SseImageBytes[],
): ImageStreamEvent[] {
  const response = parseWire(chatResponseSchema, json, 'The response');
  const b = new ImageEventBuilder(options);
  const events = b.answer(response, (choice) => choice.message, images);
  if (!b.failed) events.push(b.finish());
  return events;
}
