/**
 * A body as text: UTF-8 decoded across chunk boundaries, joined once at the end. With `maxBytes`,
 * only that many bytes are kept and reading stops there: leaving the loop calls the chunks'
 * `return()`, which for a `MeteredBody` cancels the body (and so closes the connection).
 */
export async function readBodyText(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  for await (const chunk of chunks) {
    const room = maxBytes - received;
    received += chunk.byteLength;
    parts.push(
      decoder.decode(received > maxBytes ? chunk.subarray(0, room) : chunk, { stream: true }),
    );
    if (received >= maxBytes) break;
  }
  parts.push(decoder.decode());
  return parts.join('');
}
