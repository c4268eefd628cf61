import * as z from 'zod/mini';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { formatPath } from '../errors/validation-error';
import { chatResponseSchema } from '../schemas/chat-response-schema';
import { ImageEventBuilder, type ImageEventOptions } from './image-event-builder';
import type { ImageStreamEvent } from './image-stream-event';

function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  return content
    .map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
    .join('');
}

/**
 * A non-streamed chat completion → the events a stream of the same answer yields, so both fold to
 * the same `ImageGenerationResult`.
 */
export function responseToEvents(
  json: unknown,
  options: ImageEventOptions = {},
): ImageStreamEvent[] {
  const parsed = z.safeParse(chatResponseSchema, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidResponseError(
      `The response does not match the API's shape at ${formatPath(issue?.path ?? [])}: ${issue?.message}`,
      { cause: parsed.error },
    );
  }
  const response = parsed.data;
  const b = new ImageEventBuilder(options);
  b.meta(response);
  const events = b.part({
    choices: (response.choices ?? []).map((choice) => ({
      index: choice.index,
      text: textOf(choice.message?.content),
      images: choice.message?.images,
      error: choice.error,
      finishReason: choice.finish_reason,
      nativeFinishReason: choice.native_finish_reason,
    })),
    error: response.error,
    usage: response.usage,
  });
  if (!b.failed) events.push(b.finish());
  return events;
}
