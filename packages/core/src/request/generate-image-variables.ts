import * as z from 'zod/mini';
import { chatMessageSchema, modalitySchema } from '../schemas/chat-request-schema';
import { aspectRatioSchema } from '../schemas/image-config-schema';
import { IMAGE_SIZES } from '../schemas/image-config-values';
import {
  IMAGES_BACKGROUNDS,
  IMAGES_QUALITIES,
  IMAGES_SIZE_PATTERN,
} from '../schemas/images-request-values';

/** A reference image for editing: an https/data URL, or bytes (PNG, JPEG, WebP or GIF). */
export type ReferenceImage = string | Blob | Uint8Array | ArrayBuffer;

const isReferenceImage = (value: unknown): value is ReferenceImage =>
  typeof value === 'string' ||
  ArrayBuffer.isView(value) ||
  Object.prototype.toString.call(value) === '[object ArrayBuffer]' ||
  (typeof Blob !== 'undefined' && value instanceof Blob) ||
  // Blobs from another realm (jsdom, iframes) fail instanceof.
  (typeof value === 'object' &&
    value !== null &&
    typeof (value as Blob).arrayBuffer === 'function' &&
    typeof (value as Blob).type === 'string');

const nonEmptyString = z.string().check(z.refine((s) => s.trim() !== '', 'must not be empty'));

const finite = z.optional(z.number().check(z.refine(Number.isFinite, 'must be a finite number')));

/**
 * What users pass to generate an image, in camelCase. Strict: an unknown key (say `aspect_ratio`)
 * is an error rather than a silently ignored setting.
 */
export const generateImageVariablesSchema = z
  .strictObject({
    model: nonEmptyString,
    /**
     * The wire: `chat` (chat completions, both dialects) or `images` (OpenRouter's `POST /images`).
     * The client's default comes from the dialect and the model (`resolveImageApi`).
     */
    api: z.optional(z.enum(['chat', 'images'])),
    prompt: z.optional(nonEmptyString),
    messages: z.optional(z.array(chatMessageSchema).check(z.minLength(1))),
    referenceImages: z.optional(
      z.array(
        z.custom<ReferenceImage>(isReferenceImage, 'must be a URL, a data URL, a Blob or bytes'),
      ),
    ),
    aspectRatio: z.optional(aspectRatioSchema),
    /** `image_config.image_size` on chat, `resolution` on the Images API (`512` = `0.5K`). */
    imageSize: z.optional(z.enum([...IMAGE_SIZES, '512'])),
    // Images API only: on the chat wire they are a ValidationError, never dropped.
    /** Images asked for (an upper bound: providers may return fewer). */
    n: z.optional(z.int().check(z.gte(1, 'must be 1 to 10'), z.lte(10, 'must be 1 to 10'))),
    quality: z.optional(z.enum(IMAGES_QUALITIES)),
    /** SVG is left out: a `GeneratedImage` holds PNG, JPEG, WebP or GIF only. */
    outputFormat: z.optional(z.enum(['png', 'jpeg', 'webp'])),
    background: z.optional(z.enum(IMAGES_BACKGROUNDS)),
    /** 0–100, for JPEG and WebP. */
    outputCompression: z.optional(
      z.int().check(z.gte(0, 'must be 0 to 100'), z.lte(100, 'must be 0 to 100')),
    ),
    /** A tier (`2K`) or explicit pixels (`2048x1152`); pixels must agree with ratio and size. */
    size: z.optional(
      z
        .string()
        .check(z.regex(IMAGES_SIZE_PATTERN, 'must be a tier (512, 1K, 2K, 4K) or WxH pixels')),
    ),
    modalities: z.optional(z.array(modalitySchema).check(z.minLength(1))),
    stream: z.optional(z.boolean()),
    /** Escape hatch: sent verbatim as `image_config` keys (snake_case, provider-specific). */
    imageConfig: z.optional(z.record(z.string(), z.unknown())),
    temperature: finite,
    topP: finite,
    topK: finite,
    seed: z.optional(z.int()),
    maxTokens: z.optional(z.int().check(z.positive())),
    maxCompletionTokens: z.optional(z.int().check(z.positive())),
    stop: z.optional(z.union([z.string(), z.array(z.string())])),
    frequencyPenalty: finite,
    presencePenalty: finite,
    repetitionPenalty: finite,
    minP: finite,
    topA: finite,
    /** OpenRouter provider routing; camelCase keys are sent snake_case. */
    provider: z.optional(z.record(z.string(), z.unknown())),
    user: z.optional(z.string()),
    sessionId: z.optional(z.string().check(z.maxLength(256))),
    metadata: z.optional(z.record(z.string(), z.string())),
    /** Lunos: keep the request and response for the dashboard. */
    observability: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.prompt === undefined && v.messages === undefined) {
        ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'is required (or messages)' });
      }
      if (v.prompt !== undefined && v.messages !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['messages'],
          message: 'cannot be combined with prompt: pass one of them',
        });
      }
    }),
  );

export type GenerateImageVariables = z.input<typeof generateImageVariablesSchema>;
