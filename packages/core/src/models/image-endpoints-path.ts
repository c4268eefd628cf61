import { ValidationError } from '../errors/validation-error';
import { canonicalModelId } from './canonical-model-id';

/**
 * The path of a model's endpoints listing under the API base URL:
 * `openai/gpt-image-1` → `/images/models/openai/gpt-image-1/endpoints`. Each segment is encoded;
 * an id that is not `author/slug` (empty or dot segments, which URL parsing would resolve, even
 * encoded) is a `ValidationError`, so an id cannot step out of the path.
 */
export function imageEndpointsPath(modelId: string): string {
  const segments = canonicalModelId(modelId).split('/');
  if (segments.length < 2 || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new ValidationError('model id', [
      {
        path: 'model',
        code: 'invalid_format',
        message: `must be author/slug (got ${JSON.stringify(modelId.slice(0, 80))})`,
      },
    ]);
  }
  return `/images/models/${segments.map(encodeURIComponent).join('/')}/endpoints`;
}
