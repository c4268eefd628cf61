import { ResponseTooLargeError } from '../errors/response-too-large-error';

/**
 * Answer bodies larger than this are refused (`maxResponseBytes`). Sized for 4K images: a
 * 4096×4096 PNG is up to ~50 MB, ~67 MB as base64, so one such image with its text fits.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

/** Images one answer may hold (`maxImagesPerAnswer`); a preview replaced by its final counts once. */
export const DEFAULT_MAX_IMAGES_PER_ANSWER = 16;

/**
 * Adds `bytes` to `received` and, past `maxBytes`, cancels the body and throws: the answer is
 * never held beyond the limit plus one network read.
 */
export function countBodyBytes(
  received: number,
  bytes: number,
  maxBytes: number,
  reader: ReadableStreamDefaultReader<Uint8Array>,
): number {
  const total = received + bytes;
  if (total > maxBytes) {
    const error = new ResponseTooLargeError({
      limit: 'maxResponseBytes',
      max: maxBytes,
      received: total,
    });
    reader.cancel(error).catch(() => {});
    throw error;
  }
  return total;
}

export interface ReadLimitedTextOptions {
  maxBytes: number;
  /** A read already made (the first one, made while deciding not to retry). */
  first?: ReadableStreamReadResult<Uint8Array>;
  /** Called before each chunk is kept (to check the run, note activity, count progress). */
  onRead?: (bytes: number) => void;
}

/**
 * A whole body as text, counted on the decoded bytes as they arrive (what `fetch` hands over
 * after gzip/br, so a compression bomb trips the limit too) and cancelled at `maxBytes`.
 */
export async function readLimitedText(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  options: ReadLimitedTextOptions,
): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  for (let read = options.first ?? (await reader.read()); !read.done; read = await reader.read()) {
    options.onRead?.(read.value.byteLength);
    received = countBodyBytes(received, read.value.byteLength, options.maxBytes, reader);
    parts.push(decoder.decode(read.value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}
