import { type ImagesRequest, imagesRequestSchema } from '../schemas/images-request-schema';
import { checkRequestLimits, type RequestLimits } from './check-request-limits';
import { parseRequestBody } from './parse-request-body';

/**
 * Checks an Images API body the way the API would (core's `imagesRequestSchema`), then the
 * handler's limits and allow-list: the prompt's length and the `input_references`.
 */
export function validateImagesBody(
  json: unknown,
  limits: RequestLimits,
  isAllowed: (id: string) => boolean,
): { request: ImagesRequest } | { refusal: Response } {
  const parsed = parseRequestBody(imagesRequestSchema, json, 'images request');
  if ('refusal' in parsed) return parsed;
  const request = parsed.request;
  const refusal = checkRequestLimits(
    {
      modelIds: [request.model],
      promptChars: request.prompt.length,
      referenceImages: request.input_references?.length ?? 0,
    },
    limits,
    isAllowed,
  );
  return refusal ? { refusal } : { request };
}
