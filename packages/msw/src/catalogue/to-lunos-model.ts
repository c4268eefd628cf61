import { lunosModelId } from './lunos-model-id';
import type { MockModel } from './mock-models';

/**
 * A catalogue model as Lunos's `GET /v1/models` lists it: camelCase (api-wire-format.md §6.2),
 * image models under their `openrouter/` id ({@link lunosModelId}).
 */
export function toLunosModel(model: MockModel): Record<string, unknown> {
  const perMillion = (perToken: string) => Math.round(Number(perToken) * 1e6 * 1e4) / 1e4;
  const [provider] = model.id.split('/');
  const stamp = new Date(model.created * 1000).toISOString();
  const id = lunosModelId(model);
  return {
    id,
    modelId: id,
    permaslug: model.canonicalSlug.replace('/', '-'),
    name: model.name,
    provider,
    parameters: { context: model.contextLength, max_output_tokens: model.maxCompletionTokens },
    pricePerMillionTokens: {
      input: perMillion(model.pricing.prompt),
      output: perMillion(model.pricing.completion),
      discountPercentage: 0,
    },
    supportedParameters: [...model.supportedParameters],
    inputModalities: [...model.input],
    outputModalities: [...model.output],
    description: model.description,
    isEnabled: true,
    supportReasoning: model.supportedParameters.includes('reasoning'),
    maxCompletionTokens: model.maxCompletionTokens,
    releaseDate: stamp.slice(0, 10),
    createdAt: stamp,
    updatedAt: stamp,
  };
}
