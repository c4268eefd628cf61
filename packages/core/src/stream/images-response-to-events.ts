import { imagesResponseSchema } from '../schemas/images-response-schema';
import { imageBytesFor } from '../sse/event-data-text';
import type { SseImageBytes } from '../sse/sse-item';
import { asChatError } from './as-chat-error';
import { ImageEventBuilder, type ImageEventOptions } from './image-event-builder';
import type { ImageStreamEvent } from './image-stream-event';
import { imagesDataUrl, imagesImageBytes } from './images-data-url';
import { parseWire } from './parse-wire';

/**
 * The JSON answer of `POST /images` → the events its stream yields, so both fold to the same
 * `ImageGenerationResult`: one `image` per `data[]` item (slot i, with its share of the cost),
 * `usage`, `finish`. Fewer images than `n` asked for leave the other slots not made; none at all
 * folds to `NoImageGeneratedError`, like a chat answer without an image. An `error` inside a 200
 * body is the run's `error` event, or, beside images, the `image-error` of the slot after them
 * (as the stream reports it): the images are kept. `refs`: bytes whose refs stand in `b64_json`.
 */
export function imagesResponseToEvents(
  json: unknown,
  options: ImageEventOptions = {},
  refs?: readonly SseImageBytes[],
): ImageStreamEvent[] {
  const response = parseWire(imagesResponseSchema, json, 'The response');
  const b = new ImageEventBuilder(options);
  // Bytes as they came: the ref stands for the URL, with the type the data URL would have.
  const bytes: SseImageBytes[] = [];
  const images = (response.data ?? []).map((item, index) => {
    const found = imageBytesFor(item.b64_json, refs);
    if (found) bytes.push(imagesImageBytes(found, item.media_type));
    const url = found ? item.b64_json : imagesDataUrl(item.b64_json, item.media_type);
    return { image_url: { url }, index };
  });
  const error = response.error && asChatError(response.error);
  if (images.length === 0) {
    const events = b.part({ choices: [], error, usage: response.usage });
    if (!b.failed) events.push(b.finish());
    return events;
  }
  // Billed together: each image's share of the answer's cost.
  const total = response.usage?.cost;
  const cost = typeof total === 'number' ? total / images.length : undefined;
  const events: ImageStreamEvent[] = b
    .choice({ index: 0, images }, bytes)
    .map((e) => (e.type === 'image' && cost !== undefined ? { ...e, cost } : e));
  if (error)
    events.push({ type: 'image-error', index: images.length, error: b.streamError(error) });
  events.push(...b.usage(response.usage), b.finish());
  return events;
}
