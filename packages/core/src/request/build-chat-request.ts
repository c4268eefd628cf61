import { ValidationError, type ValidationIssue } from '../errors/validation-error';
import { capabilitiesOf } from '../models/capabilities-of';
import { defaultModalities } from '../models/default-modalities';
import { routePath } from '../routes/route-path';
import type { ChatMessage, ChatRequest, Modality } from '../schemas/chat-request-schema';
import { CHAT_WIRE_FIELDS } from './chat-wire-fields';
import { getDialect } from './dialect';
import type { GenerateImageVariables } from './generate-image-variables';
import type { GenerationHttpRequest, GenerationRequestOptions } from './generation-request';
import { parseVariables, VARIABLES_SUBJECT as SUBJECT } from './parse-variables';
import { requestHeaders } from './request-headers';
import { snakeCase as snake, snakeKeys } from './snake-keys';
import { toImageUrls } from './to-image-urls';
import { trimTrailingSlash } from './trim-trailing-slash';
import { wireFieldIssues } from './wire-field-issues';

export interface BuildChatRequestOptions extends GenerationRequestOptions {
  /** Refuse (ValidationError) what the model is documented not to support, instead of warning. */
  strict?: boolean;
}

/** A chat-completions request ready for `fetch`, without credentials. */
export type ChatHttpRequest = GenerationHttpRequest<ChatRequest>;

/**
 * Turns camelCase generation variables into the chat-completions request of a dialect: validated
 * (a `ValidationError` naming the field, before anything is sent), snake_case body, `modalities`
 * defaulted from the model's output modalities, reference images as `image_url` parts.
 */
export async function buildChatRequest(
  variables: GenerateImageVariables,
  options: BuildChatRequestOptions = {},
): Promise<ChatHttpRequest> {
  const dialect = getDialect(options.dialect);
  const v = parseVariables(variables);
  // `512` is the Images API's name of image_config's `0.5K`.
  const imageSize = v.imageSize === '512' ? '0.5K' : v.imageSize;

  const issues: ValidationIssue[] = wireFieldIssues(v, 'chat');
  const { urls: imageUrls, issues: imageIssues } = await toImageUrls(v.referenceImages);
  issues.push(...imageIssues);

  const imageConfig: Record<string, unknown> = {};
  if (v.aspectRatio) imageConfig.aspect_ratio = v.aspectRatio;
  if (imageSize) imageConfig.image_size = imageSize;
  for (const [key, value] of Object.entries(v.imageConfig ?? {})) {
    if (key in imageConfig && imageConfig[key] !== value) {
      const typed = key === 'aspect_ratio' ? 'aspectRatio' : 'imageSize';
      issues.push({
        path: `imageConfig.${key}`,
        code: 'conflict',
        message: `conflicts with ${typed} (${String(imageConfig[key])} vs ${String(value)}): set one`,
      });
    }
    imageConfig[key] = value;
  }

  const capabilities = capabilitiesOf(options.model ?? v.model);
  const modalities: Modality[] = v.modalities ?? defaultModalities(options.model ?? v.model);

  const warnings: string[] = [];
  const unsupported: ValidationIssue[] = [];
  const check = (
    path: string,
    value: string | undefined,
    allowed: readonly string[] | undefined,
  ) => {
    if (value === undefined || allowed === undefined || allowed.includes(value)) return;
    unsupported.push({
      path,
      code: 'unsupported',
      allowed,
      message: `${value} is not supported by ${v.model} (supported: ${allowed.join(', ')})`,
    });
  };
  check('aspectRatio', v.aspectRatio, capabilities.aspectRatios);
  check('imageSize', imageSize, capabilities.imageSizes);
  if (capabilities.outputsText === false && modalities.includes('text')) {
    unsupported.push({
      path: 'modalities',
      code: 'unsupported',
      allowed: ['image'],
      message: `${v.model} outputs images only: send ["image"] (the API answers 404 to ["image","text"])`,
    });
  }
  if (options.strict) issues.push(...unsupported);
  else warnings.push(...unsupported.map((i) => `${i.path}: ${i.message}`));
  if (issues.length > 0) throw new ValidationError(SUBJECT, issues);

  const messages: ChatMessage[] = v.messages
    ? withImages(v.messages, imageUrls)
    : [
        {
          role: 'user',
          content:
            imageUrls.length === 0
              ? (v.prompt as string)
              : [
                  // Lunos recommends the text instruction first, then the images.
                  { type: 'text', text: v.prompt as string },
                  ...imageUrls.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
                ],
        },
      ];

  const json: ChatRequest = { model: v.model, messages, modalities };
  if (Object.keys(imageConfig).length > 0) json.image_config = imageConfig;
  if (v.stream !== undefined) json.stream = v.stream;
  for (const field of CHAT_WIRE_FIELDS) {
    if (v[field] !== undefined) (json as Record<string, unknown>)[snake(field)] = v[field];
  }
  if (v.provider) json.provider = snakeKeys(v.provider) as ChatRequest['provider'];

  const baseURL = trimTrailingSlash(options.baseURL ?? dialect.defaultBaseURL);
  return {
    url: `${baseURL}${routePath('chat')}`,
    method: 'POST',
    headers: requestHeaders(dialect, options, v.stream),
    body: JSON.stringify(json),
    json,
    warnings,
  };
}

/** Reference images given with `messages` join the last user message. */
function withImages(messages: ChatMessage[], urls: string[]): ChatMessage[] {
  if (urls.length === 0) return messages;
  const last = messages.findLastIndex((m) => m.role === 'user');
  const parts = urls.map((url) => ({ type: 'image_url' as const, image_url: { url } }));
  if (last === -1) return [...messages, { role: 'user', content: parts }];
  return messages.map((m, i) => {
    if (i !== last || m.role !== 'user') return m;
    const content =
      typeof m.content === 'string' ? [{ type: 'text' as const, text: m.content }] : m.content;
    return { ...m, content: [...content, ...parts] };
  });
}
