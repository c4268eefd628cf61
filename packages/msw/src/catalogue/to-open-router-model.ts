import type { MockModel } from './mock-models';

/** A catalogue model as OpenRouter's `GET /models` lists it (api-wire-format.md §6.1). */
export function toOpenRouterModel(model: MockModel): Record<string, unknown> {
  const pricing: Record<string, string> = {
    prompt: model.pricing.prompt,
    completion: model.pricing.completion,
  };
  if (model.pricing.image) pricing.image = model.pricing.image;
  if (model.pricing.imageOutput) pricing.image_output = model.pricing.imageOutput;
  return {
    id: model.id,
    canonical_slug: model.canonicalSlug,
    hugging_face_id: '',
    name: model.name,
    created: model.created,
    description: model.description,
    context_length: model.contextLength,
    architecture: {
      modality: `${model.input.join('+')}->${model.output.join('+')}`,
      input_modalities: [...model.input],
      output_modalities: [...model.output],
      tokenizer: model.providerName === 'Google AI Studio' ? 'Gemini' : 'Other',
      instruct_type: null,
    },
    pricing,
    top_provider: {
      context_length: model.contextLength,
      max_completion_tokens: model.maxCompletionTokens,
      is_moderated: model.providerName === 'OpenAI',
    },
    per_request_limits: null,
    supported_parameters: [...model.supportedParameters],
    default_parameters: { temperature: null, top_p: null, frequency_penalty: null },
    supported_voices: null,
    links: { details: `/api/v1/models/${model.id}/endpoints` },
    expiration_date: null,
  };
}
