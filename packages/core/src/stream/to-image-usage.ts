import type { Usage } from '../schemas/usage-schema';
import type { ImageUsage } from './image-stream-event';

const n = (v: number | null | undefined) => v ?? undefined;

export function toImageUsage(usage: Usage): ImageUsage {
  return {
    promptTokens: n(usage.prompt_tokens),
    completionTokens: n(usage.completion_tokens),
    totalTokens: n(usage.total_tokens),
    imageTokens: n(usage.completion_tokens_details?.image_tokens),
    reasoningTokens: n(usage.completion_tokens_details?.reasoning_tokens),
    cost: n(usage.cost),
    raw: usage,
  };
}
