import * as z from 'zod/mini';
import { ValidationError } from '../errors/validation-error';
import { type ChatRequest, chatRequestSchema } from '../schemas/chat-request-schema';
import { refuse } from './refuse';

export interface ChatBodyLimits {
  /** Characters of text over all messages. */
  maxPromptChars: number;
  /** `image_url` parts over all messages. */
  maxReferenceImages: number;
}

/**
 * Checks a chat-completions body the way the API would (core's own `chatRequestSchema`), then the
 * handler's limits and allow-list. Every model the request could be routed to counts: `model` and
 * each of OpenRouter's fallback `models`, or the allow-list would be one array away from useless.
 */
export function validateChatBody(
  json: unknown,
  limits: ChatBodyLimits,
  isAllowed: (id: string) => boolean,
): { request: ChatRequest } | { refusal: Response } {
  const parsed = z.safeParse(chatRequestSchema, json, { reportInput: true });
  if (!parsed.success) {
    const error = ValidationError.fromZod('chat completions request', parsed.error);
    return {
      refusal: refuse(400, 'invalid_request', error.message, {
        metadata: { issues: error.issues.map(({ path, message }) => ({ path, message })) },
      }),
    };
  }
  const request = parsed.data;
  for (const id of [request.model, ...(request.models ?? [])]) {
    if (!isAllowed(id)) {
      return {
        refusal: refuse(
          403,
          'model_not_allowed',
          `The model ${JSON.stringify(id)} is not allowed here`,
        ),
      };
    }
  }
  let chars = 0;
  let images = 0;
  for (const message of request.messages) {
    const content = message.content;
    if (typeof content === 'string') chars += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part.type === 'text') chars += part.text.length;
        else if (part.type === 'image_url') images += 1;
      }
    }
  }
  if (chars > limits.maxPromptChars) {
    return {
      refusal: refuse(
        400,
        'prompt_too_long',
        `The prompt has ${chars} characters; this server takes at most ${limits.maxPromptChars}`,
      ),
    };
  }
  if (images > limits.maxReferenceImages) {
    return {
      refusal: refuse(
        400,
        'too_many_images',
        `The request has ${images} reference images; this server takes at most ${limits.maxReferenceImages}`,
      ),
    };
  }
  return { request };
}
