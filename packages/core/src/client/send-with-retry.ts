import type { CreateAPIErrorContext } from '../errors/create-api-error';
import type { LunosImageError } from '../errors/lunos-image-error';
import { ConnectionError } from '../errors/transport-errors';
import { MAX_QUOTED_BODY_BYTES } from './default-limits';
import { loadChunk } from './load-chunk';
import { MeteredBody } from './metered-body';
import { readBodyText } from './read-body-text';
import type { RunSignal } from './run-signal';
import { sleep } from './sleep';

export interface SendOptions {
  url: string;
  init: RequestInit;
  fetch: typeof fetch;
  run: RunSignal;
  maxRetries: number;
  errorContext: CreateAPIErrorContext;
  /** An error body is read up to this or 1 MiB, whichever is smaller (the caller limits a 2xx body). */
  maxResponseBytes: number;
  /**
   * Attempts already spent on what this request continues (a job's reconnect after a drop): it
   * gets only the retries left, and the backoff goes on from there. Default 0.
   */
  firstAttempt?: number;
  /** Test hook for jitter; default Math.random. */
  random?: () => number;
}

/** A 2xx answer whose first body read already happened (so retrying is no longer allowed). */
export interface SentResponse {
  response: Response;
  reader: ReadableStreamDefaultReader<Uint8Array>;
  /** The first read; `done` for an empty body. */
  first: ReadableStreamReadResult<Uint8Array>;
  /** Which attempt answered (0: the first, counting from `firstAttempt`). */
  attempt: number;
}

const RETRY_AFTER_CAP_MS = 60_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

const retryableStatus = (status: number) =>
  status === 408 || status === 409 || status === 429 || status >= 500;

/** Exponential backoff with jitter, or the server's Retry-After capped at 60 s. */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random = Math.random,
) {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, RETRY_AFTER_CAP_MS);
  const backoff = Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_CAP_MS);
  return Math.round(backoff * (1 - 0.25 * random()));
}

/**
 * An error answer's body: its start only (1 MiB, or `maxBytes` if smaller), then the body is
 * cancelled. The status already says what failed, so a huge or endless body never hides it.
 */
async function readErrorBody(response: Response, maxBytes: number): Promise<unknown> {
  if (!response.body) return '';
  // The cut is readBodyText's; the body itself has no limit to trip.
  const body = new MeteredBody(response.body.getReader(), { maxBytes: Number.POSITIVE_INFINITY });
  const text = await readBodyText(body, Math.min(maxBytes, MAX_QUOTED_BODY_BYTES));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends a request, retrying on 408/409/429/5xx (not a 429 `budget_exceeded`) and connection
 * errors, but only until the first byte of a successful answer's body has been read: a
 * generation whose answer has started is billed and must never be sent twice. Every wait is cut short by the run's signal.
 */
export async function sendWithRetry(options: SendOptions): Promise<SentResponse> {
  const { run, maxRetries } = options;
  for (let attempt = options.firstAttempt ?? 0; ; attempt++) {
    run.check();
    let failure: LunosImageError;
    let retryAfterMs: number | undefined;
    try {
      run.awaitingHeaders();
      const response = await options.fetch(options.url, { ...options.init, signal: run.signal });
      run.activity();
      if (response.ok) {
        if (!response.body) {
          throw new ConnectionError(
            'The answer has no readable body (is fetch streaming-capable?)',
          );
        }
        const reader = response.body.getReader();
        // Not every fetch ties the body to the signal: cancel the read ourselves when the run
        // stops (a pending read then ends, and the caller sees the run's reason).
        run.signal.addEventListener('abort', () => reader.cancel(run.reason).catch(() => {}), {
          once: true,
        });
        try {
          return { response, reader, first: await reader.read(), attempt };
        } catch (thrown) {
          reader.releaseLock();
          throw thrown;
        }
      }
      // Loaded by import() when an answer first fails: the error-body schema (zod) is not in
      // the first load of a page that only creates a client.
      const { createAPIError } = await loadChunk(
        () => import('../errors/create-api-error'),
        'reads an error answer',
      );
      const apiError = createAPIError(
        response.status,
        await readErrorBody(response, options.maxResponseBytes),
        response.headers,
        options.errorContext,
      );
      // A route handler's spent budget frees up over its window (hours), not within a retry.
      if (!retryableStatus(response.status) || apiError.errorType === 'budget_exceeded') {
        throw apiError;
      }
      failure = apiError;
      retryAfterMs = apiError.retryAfterMs;
    } catch (thrown) {
      const error = run.toError(thrown);
      if (!ConnectionError.isInstance(error)) throw error;
      failure = error;
    }
    if (attempt >= maxRetries) throw failure;
    run.idle();
    try {
      await sleep(retryDelayMs(attempt, retryAfterMs, options.random), run.signal);
    } catch {
      run.check();
    }
  }
}
