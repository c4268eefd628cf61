import { createLunosImageClient, type GeneratedImage } from '@lunos-image/core';
import { createSseParser, ImageStreamInterpreter, type SseItem } from '@lunos-image/core/sse';
import { type DecodeToChunks, imageUrls, readAll } from './sse-decoders';

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

/** The response's body, which every competitor reads. */
export function bodyOfResponse(serve: Serve): ReadableStream<Uint8Array> {
  const response = serve();
  if (!response.body) throw new Error('no body');
  return response.body;
}

/**
 * A peer: its SSE decoder to parsed chunks, the image's base64 in them (`pick`), then the decode
 * its users would write on Node: `Buffer.from(base64, 'base64')` (native, the fastest obvious
 * one; an `atob` loop took about 5x as long on the 16 MiB image) and
 * `new Blob([bytes], { type })` for a Blob.
 */
export function peerToImage(
  decode: DecodeToChunks,
  pick: (chunks: unknown[]) => { base64: string; type: string } | undefined,
): StreamToImage {
  return async (serve, output, onStep) => {
    const chunks = await decode(bodyOfResponse(serve));
    onStep?.();
    const image = pick(chunks);
    if (!image) throw new Error('no image in the stream');
    const bytes = Buffer.from(image.base64, 'base64');
    if (output === 'bytes') return bytes;
    onStep?.();
    return new Blob([bytes], { type: image.type });
  };
}

/** A peer on the chat stream: the first `delta.images` data URL. */
export function peerStreamToImage(decode: DecodeToChunks): StreamToImage {
  return peerToImage(decode, (chunks) => {
    const url = chunks.flatMap(imageUrls)[0];
    if (!url) return undefined;
    return {
      base64: url.slice(url.indexOf(',') + 1),
      type: url.slice('data:'.length, url.indexOf(';')),
    };
  });
}

/** A wire's interpreter of SSE items (`ImageStreamInterpreter`, `ImagesStreamInterpreter`). */
type Interpreter = Pick<ImageStreamInterpreter, 'push'>;

/**
 * Ours on the byte path without the client around it: what the client's stream loop does once
 * it passes `imageBytes: true` to the parser. `createSseParser` fed from a reader loop, each
 * read's items through the wire's interpreter, the last image of index 0, then `bytes()` or
 * `blob()`.
 */
export function oursCoreToImage(makeInterpreter: () => Interpreter): StreamToImage {
  return async (serve, output, onStep) => {
    const interpreter = makeInterpreter();
    const items: SseItem[] = [];
    const parser = createSseParser((item) => items.push(item), { imageBytes: true });
    let image: GeneratedImage | undefined;
    await readAll(bodyOfResponse(serve), (read) => {
      parser.feed(read);
      for (const item of items.splice(0)) {
        for (const event of interpreter.push(item)) {
          if (event.type === 'image' && event.index === 0) image = event.image;
        }
      }
    });
    parser.end();
    onStep?.();
    if (!image) throw new Error('no image in the stream');
    return output === 'bytes' ? image.bytes() : image.blob();
  };
}

/** On the chat stream. */
export const oursCoreStreamToImage = oursCoreToImage(() => new ImageStreamInterpreter());

/**
 * The floor of every string-based parser: one `TextDecoder` pass over the reads (its one-shot
 * mode, the fastest, exact here because the wire is ASCII) and `JSON.parse` of each event's
 * data, found with one native split. No SSE rules, no base64 decode, no image: the least any
 * parser that makes the line a string, and the JSON a value, must spend.
 */
export async function floorDecode(serve: Serve): Promise<unknown[]> {
  const decoder = new TextDecoder();
  let text = '';
  await readAll(bodyOfResponse(serve), (read) => {
    text += decoder.decode(read);
  });
  const values: unknown[] = [];
  for (const block of text.split('\n\n')) {
    if (block.startsWith('data: ') && block !== 'data: [DONE]') {
      values.push(JSON.parse(block.slice('data: '.length)));
    }
  }
  return values;
}
