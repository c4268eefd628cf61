import type { GenerationHead } from './chat-chunk';

/** A non-streamed `chat.completion` with one choice, shaped as the Dec 2025 capture (§3.1). */
export function chatCompletion(
  head: GenerationHead,
  message: { content: string; images?: unknown[] },
  usage: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: head.id,
    provider: head.provider,
    model: head.model,
    object: 'chat.completion',
    created: head.created,
    ...extra,
    choices: [
      {
        logprobs: null,
        finish_reason: 'stop',
        native_finish_reason: 'STOP',
        index: 0,
        message: {
          role: 'assistant',
          content: message.content,
          refusal: null,
          reasoning: null,
          ...(message.images ? { images: message.images } : {}),
        },
      },
    ],
    usage,
  };
}
