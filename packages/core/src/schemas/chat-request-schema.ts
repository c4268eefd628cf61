import * as z from 'zod/mini';
import { imageConfigSchema } from './image-config-schema';

const nonEmpty = (what: string) =>
  z.string().check(z.refine((s) => s.trim() !== '', `${what} must not be empty`));

export const textPartSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: z.optional(
    z.looseObject({ type: z.literal('ephemeral'), ttl: z.optional(z.enum(['5m', '1h'])) }),
  ),
});

export const imageUrlPartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({
    url: nonEmpty('image_url.url'),
    detail: z.optional(z.enum(['auto', 'low', 'high', 'original'])),
  }),
});

const filePartSchema = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({
    filename: z.optional(z.string()),
    file_data: z.optional(z.string()),
    file_id: z.optional(z.string()),
  }),
});
const audioPartSchema = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
const videoPartSchema = z.looseObject({
  type: z.literal('video_url'),
  video_url: z.looseObject({ url: z.string() }),
});

export const contentPartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  imageUrlPartSchema,
  filePartSchema,
  audioPartSchema,
  videoPartSchema,
]);

const assistantImageSchema = z.looseObject({
  type: z.optional(z.string()),
  image_url: z.looseObject({ url: z.string() }),
  index: z.optional(z.number()),
});

const name = z.optional(z.string());

export const chatMessageSchema = z.discriminatedUnion('role', [
  z.looseObject({
    role: z.enum(['system', 'developer']),
    content: z.union([z.string(), z.array(textPartSchema)]),
    name,
  }),
  z.looseObject({
    role: z.literal('user'),
    content: z.union([
      nonEmpty('content'),
      z.array(contentPartSchema).check(z.minLength(1, 'content must not be empty')),
    ]),
    name,
  }),
  z.looseObject({
    role: z.literal('assistant'),
    content: z.nullable(z.union([z.string(), z.array(contentPartSchema)])),
    images: z.optional(z.array(assistantImageSchema)),
    name,
  }),
  z.looseObject({
    role: z.literal('tool'),
    content: z.union([z.string(), z.array(contentPartSchema)]),
    tool_call_id: z.string(),
  }),
]);

const optionalNumber = z.optional(z.nullable(z.number()));

const maxPriceSchema = z.looseObject({
  prompt: z.optional(z.union([z.number(), z.string()])),
  completion: z.optional(z.union([z.number(), z.string()])),
  image: z.optional(z.union([z.number(), z.string()])),
  audio: z.optional(z.union([z.number(), z.string()])),
  request: z.optional(z.union([z.number(), z.string()])),
});

/** OpenRouter's provider routing preferences (api-wire-format §2.5). */
export const providerPreferencesSchema = z.looseObject({
  order: z.optional(z.array(z.string())),
  only: z.optional(z.array(z.string())),
  ignore: z.optional(z.array(z.string())),
  allow_fallbacks: z.optional(z.boolean()),
  require_parameters: z.optional(z.boolean()),
  data_collection: z.optional(z.enum(['allow', 'deny'])),
  zdr: z.optional(z.boolean()),
  quantizations: z.optional(z.array(z.string())),
  sort: z.optional(z.unknown()),
  max_price: z.optional(maxPriceSchema),
});

export const modalitySchema = z.enum(['text', 'image', 'audio']);

/**
 * The chat-completions request body as the API receives it. Known fields are checked strictly;
 * fields we do not model pass through, since the API accepts (or ignores) them.
 */
export const chatRequestSchema = z.looseObject({
  model: nonEmpty('model'),
  models: z.optional(z.array(z.string())),
  messages: z.array(chatMessageSchema).check(z.minLength(1, 'messages must not be empty')),
  modalities: z.optional(z.array(modalitySchema).check(z.minLength(1))),
  image_config: z.optional(imageConfigSchema),
  stream: z.optional(z.boolean()),
  temperature: optionalNumber,
  top_p: optionalNumber,
  top_k: optionalNumber,
  seed: z.optional(z.nullable(z.int())),
  max_tokens: z.optional(z.nullable(z.int())),
  max_completion_tokens: z.optional(z.nullable(z.int())),
  stop: z.optional(z.nullable(z.union([z.string(), z.array(z.string())]))),
  frequency_penalty: optionalNumber,
  presence_penalty: optionalNumber,
  repetition_penalty: optionalNumber,
  min_p: optionalNumber,
  top_a: optionalNumber,
  provider: z.optional(providerPreferencesSchema),
  user: z.optional(z.string()),
  session_id: z.optional(z.string().check(z.maxLength(256))),
  metadata: z.optional(z.record(z.string(), z.string())),
  observability: z.optional(z.boolean()),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ContentPart = z.infer<typeof contentPartSchema>;
export type Modality = z.infer<typeof modalitySchema>;
export type ProviderPreferences = z.infer<typeof providerPreferencesSchema>;
