/** What `readLimitedBody` found: the bytes, or that there were more than allowed. */
export type LimitedBody = { bytes: Uint8Array } | { tooLarge: true };

/**
 * Reads a body to the end, but never more than `maxBytes`: the count is kept while reading, so a
 * missing or lying `content-length` cannot make us hold more. Past the limit the rest is cancelled
 * unread.
 */
export async function readLimitedBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<LimitedBody> {
  if (!body) return { bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      return { tooLarge: true };
    }
    parts.push(value);
  }
  if (parts.length === 1) return { bytes: parts[0]! };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes };
}
