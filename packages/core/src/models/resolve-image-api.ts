import { type Dialect, type DialectName, getDialect } from '../request/dialect';
import type { ImageApi, ImageModel } from './image-model';

/**
 * The wire a generation goes over: the caller's `api` when given; else `images` for a model of
 * OpenRouter's Images catalog (`model.api === 'images'`) under the OpenRouter dialect; else
 * `chat`, which both dialects speak (Lunos documents no other route).
 */
export function resolveImageApi(
  variables: { api?: ImageApi | undefined },
  context: { dialect?: DialectName | Dialect | undefined; model?: ImageModel | undefined } = {},
): ImageApi {
  if (variables.api) return variables.api;
  const dialect = getDialect(context.dialect ?? 'lunos');
  return dialect.name === 'openrouter' && context.model?.api === 'images' ? 'images' : 'chat';
}
