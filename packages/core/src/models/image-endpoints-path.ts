import { ValidationError } from '../errors/validation-error';
import { routePath } from '../routes/route-path';
import { canonicalModelId } from './canonical-model-id';

/**
 * The path of a model's endpoints listing under the API base URL (the `image-endpoints` route):
 * `openai/gpt-image-1` → `/images/models/openai/gpt-image-1/endpoints`. Each segment is encoded;
 * an id that is not `author/slug` (more or fewer segments, empty or dot segments, which URL
 * parsing would resolve, even encoded) is a `ValidationError`, so an id cannot step out of the
 * path.
 */
export function imageEndpointsPath(modelId: string): string {
  const [author, slug, ...more] = canonicalModelId(modelId).split('/');
  const bad = (s: string | undefined) => s === undefined || s === '' || s === '.' || s === '..';
  if (bad(author) || bad(slug) || more.length > 0) {
    throw new ValidationError('model id', [
      {
        path: 'model',
        code: 'invalid_format',
        message: `must be author/slug (got ${JSON.stringify(modelId.slice(0, 80))})`,
      },
    ]);
  }
  return routePath('image-endpoints', { author: author as string, slug: slug as string });
}
