import { ValidationError, type ValidationIssue } from '../errors/validation-error';
import { routePath } from '../routes/route-path';
import type { ImagesRequest } from '../schemas/images-request-schema';
import { MAX_INPUT_REFERENCES } from '../schemas/images-request-values';
import { getDialect } from './dialect';
import type { GenerateImageVariables } from './generate-image-variables';
import type { GenerationHttpRequest, GenerationRequestOptions } from './generation-request';
import { imageParameterIssues } from './image-parameter-issues';
import { nBeyondModelWarning } from './n-beyond-model-warning';
import { parseVariables, VARIABLES_SUBJECT } from './parse-variables';
import { requestHeaders } from './request-headers';
import { sizeConflictIssues } from './size-conflict-issues';
import { snakeCase, snakeKeys } from './snake-keys';
import { toImageUrls } from './to-image-urls';
import { trimTrailingSlash } from './trim-trailing-slash';
import { wireFieldIssues } from './wire-field-issues';

/** Where the request goes; `model` with typed `parameters` has the request checked against them. */
export type BuildImagesRequestOptions = GenerationRequestOptions;

/** A `POST /images` request ready for `fetch`, without credentials. */
export type ImagesHttpRequest = GenerationHttpRequest<ImagesRequest>;

/** Variables sent as they are, under their snake_case name, in this order. */
const PASSED = [
  'n',
  'aspectRatio',
  'resolution',
  'size',
  'quality',
  'outputFormat',
  'background',
  'outputCompression',
  'seed',
] as const;

/** Provider routing keys go snake_case; `options` holds provider slugs and their own keys, as given. */
function providerOf(provider: Record<string, unknown>): ImagesRequest['provider'] {
  const { options, ...routing } = provider;
  return {
    ...(snakeKeys(routing) as Record<string, unknown>),
    ...(options !== undefined && { options }),
  } as ImagesRequest['provider'];
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
  options: BuildImagesRequestOptions = {},
): Promise<ImagesHttpRequest> {
  const dialect = getDialect(options.dialect);
  const v = parseVariables(variables);
  const issues: ValidationIssue[] = wireFieldIssues(v, 'images');
  const references = v.referenceImages ?? [];
  let urls: string[] = [];
  if (references.length > MAX_INPUT_REFERENCES) {
    issues.push({
      path: 'referenceImages',
      code: 'too_big',
      allowed: [MAX_INPUT_REFERENCES],
      message: `holds ${references.length} images; the Images API takes at most ${MAX_INPUT_REFERENCES}`,
    });
  } else {
    const converted = await toImageUrls(references);
    urls = converted.urls;
    issues.push(...converted.issues);
  }
  const resolution = v.imageSize === '0.5K' ? '512' : v.imageSize;
  issues.push(...sizeConflictIssues(v.size, v.aspectRatio, resolution));

  const json: ImagesRequest = { model: v.model, prompt: v.prompt ?? '' };
  const values: Partial<Record<(typeof PASSED)[number], unknown>> = { ...v, resolution };
  for (const field of PASSED) {
    if (values[field] !== undefined) {
      (json as Record<string, unknown>)[snakeCase(field)] = values[field];
    }
  }
  if (urls.length > 0) {
    json.input_references = urls.map((url) => ({ type: 'image_url' as const, image_url: { url } }));
  }
  if (v.stream !== undefined) json.stream = v.stream;
  if (v.provider) json.provider = providerOf(v.provider);
  if (v.user !== undefined) json.user = v.user;
  if (v.sessionId !== undefined) json.session_id = v.sessionId;

  if (options.model) issues.push(...imageParameterIssues(json, options.model));
  if (issues.length > 0) throw new ValidationError(VARIABLES_SUBJECT, issues);

  const warnings: string[] = [];
  const nWarning = options.model && nBeyondModelWarning(json.n, options.model);
  if (nWarning) warnings.push(nWarning);
  // A proxy may well serve it; Lunos itself does not document it.
  if (dialect.name === 'lunos' && options.baseURL === undefined) {
    warnings.push(
      "api: Lunos documents only the chat route; POST /images is OpenRouter's (pass dialect: 'openrouter', or api: 'chat')",
    );
  }
  const baseURL = trimTrailingSlash(options.baseURL ?? dialect.defaultBaseURL);
  return {
    url: `${baseURL}${routePath('images')}`,
    method: 'POST',
    headers: requestHeaders(dialect, options, v.stream),
    body: JSON.stringify(json),
    json,
    warnings,
  };
}
