import { ImageTooLargeError } from '../errors/image-too-large-error';
import { InvalidImageError } from '../errors/invalid-image-error';
import { defaultMaxImageBytes, supportedImageTypes } from '../image/generated-image';
import { MeteredBody } from './metered-body';
import type { RunSignal } from './run-signal';
import { sendWithRetry } from './send-with-retry';

/** How the client fetches a job's image: its fetch, headers, retries and limits. */
export interface JobImageRequest {
  fetch: typeof fetch;
  headers: Record<string, string>;
  maxRetries: number;
  /** `maxImageBytes`: past it, `ImageTooLargeError`. */
  maxImageBytes: number | undefined;
  /** What the answer may still grow by (`maxResponseBytes` less what came): past it, `ResponseTooLargeError`. */
  maxBytes: number;
  /** For error bodies, to scrub the key from them. */
  secret: string | undefined;
}

/** A job image as it arrived: its type (from `content-type`) and its bytes, read by read. */
export interface FetchedJobImage {
  mediaType: string;
  parts: Uint8Array[];
  byteLength: number;
}

/**
 * One image of a job (`GET …/jobs/{id}/images/{n}`), read as bytes (never as a string), with
 * the run's retries before the first byte, its signal and its time limits. A `content-type`
 * that is not an image type this package reads is `InvalidImageError` before the body is read;
 * an image past `maxImageBytes` (said by `content-length`, or counted) is `ImageTooLargeError`,
 * and the body is cancelled there.
 */
export async function fetchJobImage(
  url: string,
  request: JobImageRequest,
  run: RunSignal,
): Promise<FetchedJobImage> {
  const sent = await sendWithRetry({
    url,
    init: { method: 'GET', headers: { ...request.headers, accept: 'image/*' } },
    fetch: request.fetch,
    run,
    maxRetries: request.maxRetries,
    errorContext: { secret: request.secret },
    maxResponseBytes: request.maxBytes,
  });
  const body = new MeteredBody(sent.reader, {
    maxBytes: request.maxBytes,
    first: sent.first,
    run,
    what: 'Reading a job image failed',
  });
  const contentType = sent.response.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  const maxImageBytes = request.maxImageBytes ?? defaultMaxImageBytes;
  const declared = Number(sent.response.headers.get('content-length') ?? Number.NaN);
  const refusal = !supportedImageTypes.has(mediaType)
    ? new InvalidImageError(
        `The job image ${url} has content-type ${contentType || '(none)'}, not an image type this SDK accepts`,
        { reason: 'unsupported-type', urlPreview: url },
      )
    : declared > maxImageBytes
      ? new ImageTooLargeError({ byteLength: declared, maxBytes: maxImageBytes })
      : undefined;
  if (refusal) {
    await body.return();
    throw refusal;
  }
  const parts: Uint8Array[] = [];
  let byteLength = 0;
  for await (const chunk of body) {
    byteLength += chunk.byteLength;
    // Leaving the loop cancels the body: nothing more of it is read.
    if (byteLength > maxImageBytes) {
      throw new ImageTooLargeError({ byteLength, maxBytes: maxImageBytes });
    }
    parts.push(chunk);
  }
  return { mediaType, parts, byteLength };
}
