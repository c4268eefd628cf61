import { createLunosImageClient } from '@lunos-image/core';
import { type DecodeToChunks, imageUrls } from './sse-decoders';

/** What a competitor hands back: the first image's bytes, or a Blob of them. */
export type ImageOutput = 'bytes' | 'blob';

/** The network, as `fetch` would give it: a fresh streamed `Response` per call. */
export type Serve = () => Response;

/**
 * From a request to the image, in the form asked for. `onStep` runs after each step (decoded,
 * converted), where the memory benchmark samples.
 */
export type StreamToImage = (
  serve: Serve,
  output: ImageOutput,
  onStep?: () => void,
) => Promise<Uint8Array | Blob>;

/** The SSE framing every competitor's `Response` carries. */
export const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

const variables = {
  model: 'google/gemini-2.5-flash-image',
  prompt: 'Generate a beautiful sunset over mountains',
} as const;

/**
 * Ours as users call it: `client.streamImage(...)` over the given fetch, `result()`, then the
 * first image's `bytes()` or `blob()`. Everything the client does is in the time: request
 * building and validation, the SSE decoder, stream interpretation, the folded result, image
 * validation and the base64 decode.
 */
export const oursStreamToImage: StreamToImage = async (serve, output, onStep) => {
  const client = createLunosImageClient({
    dialect: 'openrouter',
    fetch: async () => serve(),
    maxRetries: 0,
  });
  const result = await client.streamImage(variables).result();
  onStep?.();
  const image = result.images[0];
  if (!image) throw new Error('no image in the result');
  return output === 'bytes' ? image.bytes() : image.blob();
};

/**
 * A peer: its SSE decoder to parsed chunks, the first `delta.images` URL, then the decode its
 * users would write on Node: `Buffer.from(base64, 'base64')` (native, the fastest obvious one;
 * an `atob` loop took about 5x as long on the 16 MiB image) and `new Blob([bytes], { type })` for a Blob.
 */
export function peerStreamToImage(decode: DecodeToChunks): StreamToImage {
  return async (serve, output, onStep) => {
    const response = serve();
    if (!response.body) throw new Error('no body');
    const chunks = await decode(response.body);
    onStep?.();
    const url = chunks.flatMap(imageUrls)[0];
    if (!url) throw new Error('no image in the stream');
    const comma = url.indexOf(',');
    const bytes = Buffer.from(url.slice(comma + 1), 'base64');
    if (output === 'bytes') return bytes;
    onStep?.();
    return new Blob([bytes], { type: url.slice('data:'.length, url.indexOf(';')) });
  };
}
