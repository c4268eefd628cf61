import { GeneratedImage } from '@lunos-image/core';
import { parseEventJson } from '@lunos-image/core/internal';
import { createSseParser, decodeSse } from '@lunos-image/core/sse';
import { EventStream } from '@openrouter/sdk/lib/event-streams.js';
import { createParser } from 'eventsource-parser';
import { Stream } from 'openai/core/streaming';

/**
 * Each competitor turns a response body into the parsed chunk objects (`[DONE]` excluded), the
 * way its documentation has users do it, in its fastest correct form (a reader loop rather than
 * extra TransformStreams, a streaming TextDecoder where the library wants text).
 */
export type DecodeToChunks = (body: ReadableStream<Uint8Array>) => Promise<unknown[]>;

/** Hands every read of `body` to `feed`, in order, until the body ends. */
export async function readAll(
  body: ReadableStream<Uint8Array>,
  feed: (read: Uint8Array) => void,
): Promise<void> {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    feed(value);
  }
}

function oursParserToChunks(imageBytes: boolean): DecodeToChunks {
  return async (body) => {
    const chunks: unknown[] = [];
    const parser = createSseParser(
      (item) => {
        if (item.type === 'event' && item.data !== '[DONE]') {
          chunks.push(parseEventJson(item.data, item.images));
        }
      },
      { imageBytes },
    );
    await readAll(body, (read) => parser.feed(read));
    parser.end();
    return chunks;
  };
}

/**
 * Ours as the client consumes it: the push parser fed from a reader loop, the same shape as the
 * eventsource-parser competitor.
 */
export const oursToChunks = oursParserToChunks(false);

/**
 * Ours as the client runs it once it passes `imageBytes: true`: base64 images come out of the
 * parser as bytes, and the chunks hold a ref where each image URL was (so they are not compared
 * with the peers' chunks, only counted).
 */
export const oursImageBytesToChunks = oursParserToChunks(true);

/** Ours through the async-iterable convenience, which adds a settled promise per item. */
export const oursIterableToChunks: DecodeToChunks = async (body) => {
  const chunks: unknown[] = [];
  for await (const item of decodeSse(body)) {
    if (item.type === 'event' && item.data !== '[DONE]') chunks.push(parseEventJson(item.data));
  }
  return chunks;
};

export const eventsourceParserToChunks: DecodeToChunks = async (body) => {
  const chunks: unknown[] = [];
  const parser = createParser({
    onEvent(event) {
      if (event.data !== '[DONE]') chunks.push(JSON.parse(event.data));
    },
  });
  const decoder = new TextDecoder();
  await readAll(body, (read) => parser.feed(decoder.decode(read, { stream: true })));
  return chunks;
};

export const openaiToChunks: DecodeToChunks = async (body) => {
  const chunks: unknown[] = [];
  const stream = Stream.fromSSEResponse<unknown>(new Response(body), new AbortController());
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
};

export const openrouterToChunks: DecodeToChunks = async (body) => {
  const chunks: unknown[] = [];
  const stream = new EventStream<unknown>(body, (event) =>
    event.data === '[DONE]' ? { done: true } : { done: false, value: JSON.parse(event.data ?? '') },
  );
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
};

interface ImageChunk {
  choices?: { delta?: { images?: { image_url?: { url?: string } }[] } }[];
}

/** The image URLs in a parsed chat-completion chunk (`choices[].delta.images[].image_url.url`). */
export function imageUrls(chunk: unknown): string[] {
  const urls: string[] = [];
  for (const choice of (chunk as ImageChunk).choices ?? []) {
    for (const image of choice.delta?.images ?? []) {
      if (image.image_url?.url) urls.push(image.image_url.url);
    }
  }
  return urls;
}

/** From the body to the first image's bytes: the decoder, then the obvious base64 decode. */
export type DecodeToImageBytes = (
  body: ReadableStream<Uint8Array>,
  onStep?: () => void,
) => Promise<Uint8Array>;

export function toImageBytes(decode: DecodeToChunks, ours: boolean): DecodeToImageBytes {
  return async (body, onStep) => {
    const chunks = await decode(body);
    onStep?.();
    const url = chunks.flatMap(imageUrls)[0];
    if (!url) throw new Error('no image in the stream');
    if (ours) return GeneratedImage.fromUrl(url).bytes();
    return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
  };
}
