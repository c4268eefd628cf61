import * as z from 'zod/mini';
import { ValidationError, type ValidationIssue } from '../errors/validation-error';
import { capabilitiesOf } from '../models/capabilities-of';
import { defaultModalities } from '../models/default-modalities';
import type { ImageModel } from '../models/image-model';
import type { ChatMessage, ChatRequest, Modality } from '../schemas/chat-request-schema';
import { type Dialect, type DialectHeaderOptions, type DialectName, getDialect } from './dialect';
import {
  type GenerateImageVariables,
  generateImageVariablesSchema,
} from './generate-image-variables';
import { toImageUrl } from './to-image-url';
import { trimTrailingSlash } from './trim-trailing-slash';

export interface BuildChatRequestOptions extends DialectHeaderOptions {
  /** `lunos` (default) or `openrouter`. */
  dialect?: DialectName | Dialect;
  /** Default: the dialect's base URL. A proxy's URL works too (the key then stays on your server). */
  baseURL?: string;
  /** Extra headers, sent as given. */
  headers?: Record<string, string>;
  /** The model's catalog entry: decides the default `modalities` and is checked for support. */
  model?: ImageModel;
  /** Refuse (ValidationError) what the model is documented not to support, instead of warning. */
  strict?: boolean;
}

/** A request ready for `fetch(url, { method, headers, body })`, without credentials. */
export interface ChatHttpRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** The body before serialisation. */
  json: ChatRequest;
  /** Settings the model is documented not to support (sent anyway unless `strict`). */
  warnings: string[];
}

const SUBJECT = 'image generation request';

// The API silently ignores a lower-case size ("4k" yields 1K): accept it, send it upper-case.
function normalizeSize(value: unknown): unknown {
  return typeof value === 'string' && /^(0\.5|1|2|4)k$/.test(value) ? value.toUpperCase() : value;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), snakeKeys(v)]));
}

const WIRE_FIELDS = [
  'temperature',
  'topP',
  'topK',
  'seed',
  'maxTokens',
  'maxCompletionTokens',
  'stop',
  'frequencyPenalty',
  'presencePenalty',
  'repetitionPenalty',
  'minP',
  'topA',
  'user',
  'sessionId',
  'metadata',
  'observability',
] as const;

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
  const input =
    typeof variables === 'object' && variables !== null && 'imageSize' in variables
      ? { ...variables, imageSize: normalizeSize(variables.imageSize) }
      : variables;
  const parsed = z.safeParse(generateImageVariablesSchema, input, { reportInput: true });
  if (!parsed.success) throw ValidationError.fromZod(SUBJECT, parsed.error);
  const v = parsed.data;

  const issues: ValidationIssue[] = [];
  const imageUrls: string[] = [];
  for (const [i, image] of (v.referenceImages ?? []).entries()) {
    const result = await toImageUrl(image);
    if ('url' in result) imageUrls.push(result.url);
    else
      issues.push({
        path: `referenceImages[${i}]`,
        code: 'invalid_image',
        message: result.problem,
      });
  }

  const imageConfig: Record<string, unknown> = {};
  if (v.aspectRatio) imageConfig.aspect_ratio = v.aspectRatio;
  if (v.imageSize) imageConfig.image_size = v.imageSize;
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
  check('imageSize', v.imageSize, capabilities.imageSizes);
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
  for (const field of WIRE_FIELDS) {
    if (v[field] !== undefined) (json as Record<string, unknown>)[snake(field)] = v[field];
  }
  if (v.provider) json.provider = snakeKeys(v.provider) as ChatRequest['provider'];

  const baseURL = trimTrailingSlash(options.baseURL ?? dialect.defaultBaseURL);
  return {
    url: `${baseURL}/chat/completions`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: v.stream ? 'text/event-stream' : 'application/json',
      ...dialect.headers(options),
      ...options.headers,
    },
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
