import { ImagesStreamInterpreter } from '@lunos-image/core/sse';
import type { DecodeToChunks } from './sse-decoders';
import { oursCoreToImage, peerToImage, type StreamToImage } from './stream-to-image';

interface ImagesEvent {
  type?: string;
  b64_json?: string;
  media_type?: string;
}

/**
 * Ours on an Images API stream (§9): the byte path of `oursCoreToImage` with
 * `ImagesStreamInterpreter` (partials become `partial-image` events made from bytes too), then
 * the final image's `bytes()` or `blob()`.
 */
export const oursImagesApiToImage = oursCoreToImage(() => new ImagesStreamInterpreter());

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
