import {
  AbortError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  ImageTooLargeError,
  InternalServerError,
  InvalidImageError,
  InvalidResponseError,
  NoImageGeneratedError,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  StreamError,
  StreamTruncatedError,
  TimeoutError,
  ValidationError,
} from '@lunos-image/core';
import { type Connection, DIALECT_LABELS } from '../connection/connection';
import { formatBytes } from '../format/format-bytes';
import { formatDuration } from '../format/format-duration';
import { formatUsd } from '../format/format-usd';

/** An error as the screen shows it: what happened, and what to do about it. */
export interface ErrorDescription {
  /** Stable id of the cause (for styling and tests), e.g. `no-credits`. */
  kind: string;
  title: string;
  /** The cause in the user's terms. */
  message: string;
  /** What to do next. */
  action: string;
  /** The API's or provider's own words, when they add something. */
  detail?: string | undefined;
  /** When a retry makes sense, from the server's Retry-After. */
  retryAfterMs?: number | undefined;
}

function whereTo(connection: Connection): string {
  switch (connection.mode) {
    case 'mock':
      return 'the built-in mock';
    case 'server':
      return `the mock server at ${connection.serverUrl}`;
    case 'live':
      return connection.baseURL
        ? `your proxy at ${connection.baseURL}`
        : DIALECT_LABELS[connection.dialect];
  }
}

function providerWords(error: { providerMessage?: string | undefined; message: string }) {
  return error.providerMessage && error.providerMessage !== error.message
    ? error.providerMessage
    : undefined;
}

/**
 * Names the cause of a failed run and what to do, for every error class core throws. The
 * messages come from core, which never puts the API key in them.
 */
export function describeError(error: unknown, connection: Connection): ErrorDescription {
  const provider = DIALECT_LABELS[connection.dialect];
  if (PaymentRequiredError.isInstance(error)) {
    return {
      kind: 'no-credits',
      title: 'Not enough credits',
      message: `${provider} refused the request because the account cannot pay for it.`,
      action: `Add credits to your ${provider} account, or choose a cheaper model.`,
      detail: error.message,
    };
  }
  if (AuthenticationError.isInstance(error)) {
    return {
      kind: 'key-rejected',
      title: 'API key rejected',
      message: `${provider} does not accept this key: it is wrong, revoked or disabled.`,
      action:
        connection.mode === 'live'
          ? `Paste a valid ${provider} key in Connection, or use a proxy that adds one.`
          : `The mock answered as ${provider} would to an unknown key. Switch scenarios to continue.`,
      detail: error.message,
    };
  }
  if (RateLimitError.isInstance(error) && error.errorType === 'budget_exceeded') {
    const wait = error.retryAfterMs;
    const left = error.remainingUsd;
    return {
      kind: 'budget-exceeded',
      title: 'Budget used up',
      message: `This generation would cost more than your budget has left${left === undefined ? '' : ` (${formatUsd(left)})`}.`,
      action:
        wait !== undefined
          ? `Your budget frees up as earlier runs leave its window: enough for this one in ${formatDuration(wait)}. Or ask for fewer or smaller images.`
          : 'Ask for fewer or smaller images, or wait for your budget to free up.',
      detail: error.message,
      retryAfterMs: wait,
    };
  }
  if (RateLimitError.isInstance(error) && error.errorType === 'rate_limited') {
    const wait = error.retryAfterMs;
    return {
      kind: 'rate-limited',
      title: 'Too many generations',
      message: `The playground allows a few generations a minute per visitor${wait === undefined ? '.' : `: the next one in ${formatDuration(wait)}.`}`,
      action: 'Wait, then generate again.',
      detail: error.message,
      retryAfterMs: wait,
    };
  }
  if (RateLimitError.isInstance(error)) {
    const wait = error.retryAfterMs;
    return {
      kind: 'rate-limited',
      title: 'Rate limited',
      message:
        wait !== undefined
          ? `Too many requests. ${provider} asks to wait ${formatDuration(wait)} before trying again.`
          : `Too many requests. ${provider} did not say how long to wait.`,
      action: 'Wait, then generate again; or choose another model or provider.',
      detail: providerWords(error) ?? error.message,
      retryAfterMs: wait,
    };
  }
  if (NotFoundError.isInstance(error)) {
    const modalities = /modalit/i.test(error.message);
    return modalities
      ? {
          kind: 'wrong-modalities',
          title: 'Model cannot produce this output',
          message: `No endpoint of this model serves the requested output: ${error.message}`,
          action:
            'Image-only models take modalities ["image"]; choose a model that outputs image and text, or ask for images only.',
        }
      : {
          kind: 'model-not-found',
          title: 'Model not found',
          message: `${provider} has no endpoint for this model: it may be deprecated or renamed.`,
          action: 'Choose another model from the list.',
          detail: error.message,
        };
  }
  if (PermissionDeniedError.isInstance(error)) {
    return {
      kind: 'forbidden',
      title: 'Request blocked',
      message: 'The request was blocked by moderation, a guardrail or the key’s permissions.',
      action: 'Rephrase the prompt, or check the key’s permissions and guardrails.',
      detail: providerWords(error) ?? error.message,
    };
  }
  if (PayloadTooLargeError.isInstance(error)) {
    return {
      kind: 'too-large',
      title: 'Request too large',
      message: 'The reference images make the request larger than the API accepts.',
      action: 'Remove a reference image or use smaller files.',
      detail: error.message,
    };
  }
  if (BadRequestError.isInstance(error)) {
    return {
      kind: 'bad-request',
      title: 'Request refused',
      message: `${provider} refused a parameter of the request.`,
      action: 'Check the aspect ratio, size and reference images against what the model takes.',
      detail: providerWords(error) ?? error.message,
    };
  }
  if (InternalServerError.isInstance(error)) {
    return {
      kind: 'provider-error',
      title: 'The provider failed',
      message: `${error.providerName ?? 'The upstream provider'} answered HTTP ${error.status}: the problem is on their side.`,
      action: 'Try again in a moment, or choose another model.',
      detail: providerWords(error) ?? error.message,
      retryAfterMs: error.retryAfterMs,
    };
  }
  if (APIError.isInstance(error)) {
    return {
      kind: 'api-error',
      title: `HTTP ${error.status}`,
      message: error.message,
      action: 'Check the request, then try again.',
      detail: providerWords(error),
    };
  }
  if (NoImageGeneratedError.isInstance(error)) {
    const safety = /SAFETY|PROHIBITED|BLOCK/i.test(error.nativeFinishReason ?? '');
    return safety
      ? {
          kind: 'safety-block',
          title: 'Blocked by the safety filter',
          message: `The model finished without an image (reason: ${error.nativeFinishReason}).`,
          action: 'Rephrase the prompt; you are not charged for the image.',
          detail: error.text.trim() || undefined,
        }
      : {
          kind: 'no-image',
          title: 'No image in the answer',
          message: error.message,
          action: 'Try again, or make the prompt ask for a picture explicitly.',
        };
  }
  if (StreamError.isInstance(error)) {
    return {
      kind: 'stream-error',
      title: 'Generation failed mid-stream',
      message: `The provider reported an error after the answer had started: ${error.message}`,
      action: 'Try again; if it keeps failing, choose another model.',
      detail: providerWords(error),
    };
  }
  if (StreamTruncatedError.isInstance(error) && error.reason === 'dropped') {
    return {
      kind: 'dropped',
      title: 'Connection lost mid-stream',
      message: `The connection broke after ${formatBytes(error.bytesReceived)}, before the image was complete.`,
      action: 'Generate again. An unstable network or a proxy with a short timeout can cause this.',
      detail: error.message,
    };
  }
  if (StreamTruncatedError.isInstance(error)) {
    return {
      kind: 'truncated',
      title: 'The answer stopped early',
      message: `The stream closed after ${formatBytes(error.bytesReceived)} without a finish reason.`,
      action: 'Generate again. A proxy that buffers or cuts event streams can cause this.',
      detail: error.message,
    };
  }
  if (InvalidResponseError.isInstance(error)) {
    return {
      kind: 'invalid-response',
      title: 'Unreadable answer',
      message: 'The server answered something that is not the API’s format.',
      action: `Check that ${whereTo(connection)} speaks the ${provider} API.`,
      detail: error.message,
    };
  }
  if (TimeoutError.isInstance(error)) {
    return {
      kind: 'timeout',
      title: 'Timed out',
      message: error.message,
      action: 'Try again; large sizes (4K) take longer.',
    };
  }
  if (ConnectionError.isInstance(error)) {
    return {
      kind: 'connection',
      title: 'Connection failed',
      message: `The request to ${whereTo(connection)} failed before it completed.`,
      action:
        connection.mode === 'server'
          ? 'Is lunos-image-mock serve running on that port? Start it, then try again.'
          : connection.mode === 'live'
            ? 'Check your network; a proxy must allow this page’s origin (CORS).'
            : 'Try again: the built-in mock answers the next request normally.',
      detail: error.message,
    };
  }
  if (ValidationError.isInstance(error)) {
    return {
      kind: 'invalid-input',
      title: 'Check the form',
      message: error.message,
      action: 'Fix the field named above; nothing was sent.',
    };
  }
  if (InvalidImageError.isInstance(error) || ImageTooLargeError.isInstance(error)) {
    return {
      kind: 'invalid-image',
      title: 'Image problem',
      message: error.message,
      action: 'Use PNG, JPEG, WebP or GIF files for reference images.',
    };
  }
  if (AbortError.isInstance(error)) {
    return {
      kind: 'aborted',
      title: 'Stopped',
      message: 'The generation was stopped before it finished.',
      action: 'Generate again when ready.',
    };
  }
  return {
    kind: 'unknown',
    title: 'Something went wrong',
    message: error instanceof Error ? error.message : String(error),
    action: 'Try again; if it persists, open an issue with the steps that led here.',
  };
}
