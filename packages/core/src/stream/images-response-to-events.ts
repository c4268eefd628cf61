import { imagesResponseSchema } from '../schemas/images-response-schema';
import { asChatError } from './as-chat-error';
import { ImageEventBuilder, type ImageEventOptions } from './image-event-builder';
import type { ImageStreamEvent } from './image-stream-event';
import { imagesDataUrl } from './images-data-url';
import { parseWire } from './parse-wire';

/**
 * The JSON answer of `POST /images` → the events its stream yields, so both fold to the same
 * `ImageGenerationResult`: one `image` per `data[]` item (slot i), `usage`, `finish`. Fewer images
 * than `n` asked for are fewer slots; none at all folds to `NoImageGeneratedError`, like a chat
 * answer without an image. An `error` inside a 200 body is an `error` event.
 */
export function imagesResponseToEvents(
  json: unknown,
  options: ImageEventOptions = {},
): ImageStreamEvent[] {
  const response = parseWire(imagesResponseSchema, json, 'The response');
  const b = new ImageEventBuilder(options);
  const images = (response.data ?? []).map((item, index) => ({
    image_url: { url: imagesDataUrl(item.b64_json, item.media_type) },
    index,
  }));
  const events = b.part({
    choices: images.length > 0 ? [{ index: 0, images }] : [],
    error: response.error && asChatError(response.error),
    usage: response.usage,
  });
  if (!b.failed) events.push(b.finish());
  return events;
}
