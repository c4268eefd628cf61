import { loadChunk } from '../client/load-chunk';
import type { BuildChatRequestOptions, ChatHttpRequest } from './build-chat-request';
import type { BuildImagesRequestOptions, ImagesHttpRequest } from './build-images-request';
import type { GenerateImageVariables } from './generate-image-variables';

// The request builders as core's root exports them: each loads its module (the variable checks
// and their zod schemas) by import() when first called. Exported statically, they would put that
// code in the first load of every app that imports anything from the root, because a bundler
// splitting by file (esbuild) counts a re-exported module as loaded with the root.

/**
 * Turns camelCase generation variables into the chat-completions request of a dialect: validated
 * (a `ValidationError` naming the field, before anything is sent), snake_case body, `modalities`
 * defaulted from the model's output modalities, reference images as `image_url` parts.
 */
export async function buildChatRequest(
  variables: GenerateImageVariables,
  options?: BuildChatRequestOptions,
): Promise<ChatHttpRequest> {
  const builder = await loadChunk(() => import('./build-chat-request'), 'builds a chat request');
  return builder.buildChatRequest(variables, options);
}

/**
 * Turns camelCase generation variables into OpenRouter's `POST /images` request: validated
 * (a `ValidationError` naming the field, before anything is sent), snake_case body, `imageSize` as
 * `resolution`, reference images as `input_references` (at most 16). Chat-only variables are
 * refused, not dropped; a pixel `size` must agree with `aspectRatio` and `imageSize`; with a
 * catalog entry that has typed parameters, every parameter is checked against them, except that
 * `n` above what the model makes is a warning (`n` is an upper bound: the API answers with fewer).
 */
export async function buildImagesRequest(
  variables: GenerateImageVariables,
  options?: BuildImagesRequestOptions,
): Promise<ImagesHttpRequest> {
  const builder = await loadChunk(
    () => import('./build-images-request'),
    'builds an Images API request',
  );
  return builder.buildImagesRequest(variables, options);
}
