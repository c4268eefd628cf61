import { decodeSse, type SseItem } from '@lunos-image/core/sse';

/** Every SSE item of a response body, decoded by core's decoder. */
export async function decodeBody(response: Response): Promise<SseItem[]> {
  const items: SseItem[] = [];
  if (!response.body) return items;
  for await (const item of decodeSse(response.body)) items.push(item);
  return items;
}

/** The raw chunks of a body as they arrive, with their arrival time from `now`. */
export async function readChunks(
  response: Response,
  now: () => number = () => performance.now(),
): Promise<{ at: number; bytes: Uint8Array }[]> {
  const chunks: { at: number; bytes: Uint8Array }[] = [];
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push({ at: now(), bytes: value });
  }
  return chunks;
}
