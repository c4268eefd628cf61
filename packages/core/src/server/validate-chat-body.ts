import { type ChatRequest, chatRequestSchema } from '../schemas/chat-request-schema';
import { checkRequestLimits, type RequestLimits } from './check-request-limits';
import { parseRequestBody } from './parse-request-body';

/**
 * Checks a chat-completions body the way the API would (core's own `chatRequestSchema`), then the
 * handler's limits and allow-list, counting text and `image_url` parts over all messages.
 */
export function validateChatBody(
  json: unknown,
  limits: RequestLimits,
  isAllowed: (id: string) => boolean,
): { request: ChatRequest } | { refusal: Response } {
  const parsed = parseRequestBody(chatRequestSchema, json, 'chat completions request');
  if ('refusal' in parsed) return parsed;
  const request = parsed.request;
  let promptChars = 0;
  let referenceImages = 0;
  for (const message of request.messages) {
    const content = message.content;
    if (typeof content === 'string') promptChars += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part.type === 'text') promptChars += part.text.length;
        else if (part.type === 'image_url') referenceImages += 1;
      }
    }
  }
  const modelIds = [request.model, ...(request.models ?? [])];
  const refusal = checkRequestLimits({ modelIds, promptChars, referenceImages }, limits, isAllowed);
  return refusal ? { refusal } : { request };
}
