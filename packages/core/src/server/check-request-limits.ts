import type { RequestDemands } from '../wires/generation-wire';
import { refuse } from './refuse';

export interface RequestLimits {
  /** Characters of prompt text over the whole request. */
  maxPromptChars: number;
  /** Reference images in the request. */
  maxReferenceImages: number;
}

/**
 * The handler's limits and allow-list applied to a request that passed its route's schema: a
 * refusal, or `undefined` to send it on. Every model counts, or the allow-list would be one array
 * away from useless.
 */
export function checkRequestLimits(
  demands: RequestDemands,
  limits: RequestLimits,
  isAllowed: (id: string) => boolean,
): Response | undefined {
  for (const id of demands.modelIds) {
    if (!isAllowed(id)) {
      return refuse(
        403,
        'model_not_allowed',
        `The model ${JSON.stringify(id)} is not allowed here`,
      );
    }
  }
  if (demands.promptChars > limits.maxPromptChars) {
    return refuse(
      400,
      'prompt_too_long',
      `The prompt has ${demands.promptChars} characters; this server takes at most ${limits.maxPromptChars}`,
    );
  }
  if (demands.referenceImages > limits.maxReferenceImages) {
    return refuse(
      400,
      'too_many_images',
      `The request has ${demands.referenceImages} reference images; this server takes at most ${limits.maxReferenceImages}`,
    );
  }
  return undefined;
}
