import {
  createSseParser,
  GeneratedImage,
  imageBytesFor,
  parseEventJson,
  type SseItem,
} from '@lunos-image/core';
import { type DecodeToChunks, readAll } from './sse-decoders';
import { bodyOfResponse, peerToImage, type StreamToImage } from './stream-to-image';

interface ImagesEvent {
  type?: string;
  b64_json?: string;
  media_type?: string;
}

/**
 * Ours on an Images API stream (§9): `createSseParser({ imageBytes: true })` from a reader loop,
 * `parseEventJson` of each event, and every image, partial or final, made a `GeneratedImage`
 * from the bytes the parser decoded (`imageBytesFor` its ref); then the final image's `bytes()`
 * or `blob()`. (No Images API interpreter in core yet: this is what one does with the events.)
 */
export const oursImagesApiToImage: StreamToImage = async (serve, output, onStep) => {
  let final: GeneratedImage | undefined;
  const items: SseItem[] = [];
  const parser = createSseParser((item) => items.push(item), { imageBytes: true });
  await readAll(bodyOfResponse(serve), (read) => {
    parser.feed(read);
    for (const item of items.splice(0)) {
      if (item.type !== 'event' || item.data === '[DONE]') continue;
      const event = parseEventJson(item.data, item.images) as ImagesEvent;
      if (event.b64_json === undefined) continue;
      const bytes = imageBytesFor(event.b64_json, item.images);
      const mediaType = event.media_type ?? 'image/png';
      const image = bytes
        ? GeneratedImage.fromBytes(bytes.parts, { mediaType })
        : GeneratedImage.fromUrl(`data:${mediaType};base64,${event.b64_json}`);
      if (event.type === 'image_generation.completed') final = image;
    }
  });
  parser.end();
  onStep?.();
  if (!final) throw new Error('no final image in the stream');
  return output === 'bytes' ? final.bytes() : final.blob();
};

/**
 * A peer on an Images API stream: its SSE decoder to parsed events, the completed event's
 * `b64_json`, `Buffer.from(base64, 'base64')` (+ `new Blob`). Partials are parsed (the decoder
 * must) but not decoded to bytes, which favours the peer.
 */
export function peerImagesApiToImage(decode: DecodeToChunks): StreamToImage {
  return peerToImage(decode, (events) => {
    const final = (events as ImagesEvent[]).find(
      (event) => event.type === 'image_generation.completed',
    );
    if (!final?.b64_json) return undefined;
    return { base64: final.b64_json, type: final.media_type ?? 'image/png' };
  });
}
