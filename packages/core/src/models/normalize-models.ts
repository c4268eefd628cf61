import * as z from 'zod/mini';
import { InvalidResponseError } from '../errors/invalid-response-error';
import type { DialectName } from '../request/dialect';
import { type LunosModel, lunosModelSchema } from '../schemas/lunos-model-list-schema';
import {
  type OpenRouterModel,
  openRouterModelSchema,
} from '../schemas/openrouter-model-list-schema';
import { compactPricing as compact, catalogPrice as price } from './catalog-price';
import type { ImageModel } from './image-model';

/** `"text+image->text+image"` → input and output lists, for entries without explicit lists. */
function modalitiesFromArrow(modality: string | null | undefined): [string[], string[]] {
  const [input = '', output = ''] = (modality ?? '').split('->');
  const split = (s: string) => s.split('+').filter(Boolean);
  return [split(input), split(output)];
}

function fromOpenRouter(m: OpenRouterModel): ImageModel {
  const [arrowIn, arrowOut] = modalitiesFromArrow(m.architecture?.modality);
  const p = m.pricing ?? {};
  return {
    id: m.id,
    name: m.name ?? m.id,
    provider: m.id.split('/')[0] ?? m.id,
    inputModalities: m.architecture?.input_modalities ?? arrowIn,
    outputModalities: m.architecture?.output_modalities ?? arrowOut,
    pricing: compact({
      inputPerMillionTokens: price(p.prompt, 1e6),
      outputPerMillionTokens: price(p.completion, 1e6),
      imageOutputPerMillionTokens: price(p.image_output, 1e6),
      perInputImage: price(p.image),
      perRequest: price(p.request),
    }),
    supportedParameters: m.supported_parameters ?? [],
    contextLength: m.context_length ?? undefined,
    raw: m,
  };
}

function fromLunos(m: LunosModel): ImageModel {
  const id = m.id;
  return {
    id,
    name: m.name ?? id,
    provider: m.provider ?? id.split('/')[0] ?? id,
    inputModalities: m.inputModalities ?? [],
    outputModalities: m.outputModalities ?? [],
    pricing: compact({
      inputPerMillionTokens: price(m.pricePerMillionTokens?.input),
      outputPerMillionTokens: price(m.pricePerMillionTokens?.output),
    }),
    supportedParameters: m.supportedParameters ?? [],
    contextLength: m.parameters?.context ?? m.maxCompletionTokens ?? undefined,
    raw: m,
  };
}

function entriesOf(dialect: DialectName, json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (typeof json === 'object' && json !== null) {
    const o = json as { data?: unknown; models?: unknown };
    if (Array.isArray(o.data)) return o.data;
    if (Array.isArray(o.models)) return o.models;
  }
  throw new InvalidResponseError(
    `The ${dialect} model list must be an array, { data: [...] } or { models: [...] }`,
  );
}

/**
 * Both dialects' model lists to one `ImageModel[]`. Lunos sends camelCase entries (bare array or
 * `{data}`), OpenRouter `{data}` with string prices; either envelope is accepted from either. An entry without a string `id` cannot be
 * requested and is skipped; a list that is not a list throws `InvalidResponseError`.
 */
export function normalizeModels(dialect: DialectName, json: unknown): ImageModel[] {
  const schema = dialect === 'lunos' ? lunosModelSchema : openRouterModelSchema;
  const models: ImageModel[] = [];
  for (const entry of entriesOf(dialect, json)) {
    const parsed = z.safeParse(schema, entry);
    if (!parsed.success) continue;
    models.push(
      dialect === 'lunos'
        ? fromLunos(parsed.data as LunosModel)
        : fromOpenRouter(parsed.data as OpenRouterModel),
    );
  }
  return models;
}
