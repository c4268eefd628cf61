/** A usage object as the API sends it, from token counts and the billed cost (§3.2). */
export function usageObject(
  prompt: number,
  completion: number,
  image: number,
  cost: number,
): Record<string, unknown> {
  const promptCost = Math.round(prompt * 3e-7 * 1e10) / 1e10;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    cost,
    is_byok: false,
    prompt_tokens_details: {
      cached_tokens: 0,
      cache_write_tokens: 0,
      audio_tokens: 0,
      video_tokens: 0,
    },
    cost_details: {
      upstream_inference_cost: cost,
      upstream_inference_prompt_cost: promptCost,
      upstream_inference_completions_cost: Math.round((cost - promptCost) * 1e10) / 1e10,
    },
    completion_tokens_details: { reasoning_tokens: 0, image_tokens: image, audio_tokens: 0 },
  };
}
