/** The fields every chunk and completion of one generation repeat. */
export interface GenerationHead {
  id: string;
  provider: string;
  model: string;
  created: number;
}

/** One `chat.completion.chunk` with a single choice, shaped as OpenRouter streams it (§4.2). */
export function chatChunk(
  head: GenerationHead,
  delta: Record<string, unknown>,
  finish: string | null,
  native: string | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: head.id,
    provider: head.provider,
    model: head.model,
    object: 'chat.completion.chunk',
    created: head.created,
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', ...delta },
        finish_reason: finish,
        native_finish_reason: native,
        logprobs: null,
      },
    ],
    ...extra,
  };
}
