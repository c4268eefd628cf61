import * as z from 'zod/mini';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { type ImagesModel, imagesModelSchema } from '../schemas/images-model-list-schema';
import type { ImageModel } from './image-model';
import { toParameterDescriptors } from './to-parameter-descriptors';

function fromImagesModel(m: ImagesModel): ImageModel {
  const parameters = toParameterDescriptors(m.supported_parameters);
  return {
    id: m.id,
    name: m.name ?? m.id,
    provider: m.id.split('/')[0] ?? m.id,
    inputModalities: m.architecture?.input_modalities ?? [],
    outputModalities: m.architecture?.output_modalities ?? [],
    // The list has no prices: they come per endpoint (`applyImageEndpoints`).
    pricing: {},
    supportedParameters: Object.keys(parameters),
    contextLength: undefined,
    raw: m,
    api: 'images',
    parameters,
    ...(typeof m.supports_streaming === 'boolean' && { supportsStreaming: m.supports_streaming }),
  };
}

/**
 * OpenRouter's `GET /images/models` (`{ data: [...] }`, a bare array accepted too) → the same
 * `ImageModel` shape as the chat catalogs, with `api: 'images'`, typed `parameters` and
 * `supportsStreaming`. An entry without a string `id` is skipped; a body that is not a list throws
 * `InvalidResponseError`.
 */
export function normalizeImagesModels(json: unknown): ImageModel[] {
  const entries = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null && Array.isArray((json as { data?: unknown }).data)
      ? ((json as { data: unknown[] }).data as unknown[])
      : undefined;
  if (!entries) {
    throw new InvalidResponseError('The image model list must be { data: [...] } or an array');
  }
  const models: ImageModel[] = [];
  for (const entry of entries) {
    const parsed = z.safeParse(imagesModelSchema, entry);
    if (parsed.success) models.push(fromImagesModel(parsed.data));
  }
  return models;
}
