import { canonicalModelId, capabilitiesOf, type ImageModel } from '@lunos-image/core';
import { chatRequestSchema } from '@lunos-image/core/internal';

/** What the mock needs to know about a valid chat request to match or synthesize an answer. */
export interface ChatRequestFacts {
  model: string;
  /** Text of the last user message (its text parts joined by a space). */
  prompt: string;
  modalities: readonly string[] | undefined;
  imageConfig: Readonly<Record<string, unknown>>;
  stream: boolean;
  referenceImages: number;
}

export type ChatRequestCheck =
  | { ok: true; facts: ChatRequestFacts }
  | { ok: false; status: number; message: string; param?: string };

interface UserPart {
  type?: unknown;
  text?: unknown;
}

/**
 * Facts of anything shaped like a chat request (a fixture's recorded body, or one that failed
 * validation but can still be matched); undefined without a string model and a messages array.
 */
export function chatRequestFacts(body: unknown): ChatRequestFacts | undefined {
  const b = body as Record<string, unknown> | null | undefined;
  if (typeof b?.model !== 'string' || !Array.isArray(b.messages)) return undefined;
  const users = (b.messages as unknown[]).filter(
    (m): m is { content?: unknown } => (m as { role?: unknown } | null)?.role === 'user',
  );
  const last = users[users.length - 1]?.content;
  const prompt =
    typeof last === 'string'
      ? last
      : Array.isArray(last)
        ? (last as UserPart[])
            .filter((p) => p?.type === 'text' && typeof p.text === 'string')
            .map((p) => p.text as string)
            .join(' ')
        : '';
  let referenceImages = 0;
  for (const m of users) {
    if (Array.isArray(m.content)) {
      referenceImages += (m.content as UserPart[]).filter((p) => p?.type === 'image_url').length;
    }
  }
  const config = b.image_config;
  return {
    model: b.model,
    prompt,
    modalities: Array.isArray(b.modalities) ? (b.modalities as string[]) : undefined,
    imageConfig:
      typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {},
    stream: b.stream === true,
    referenceImages,
  };
}

/**
 * Checks a chat-completions body the way the API does: core's wire schema first (400), then
 * against the model catalogue: unknown model (400), output modalities the model lacks (404, as
 * OpenRouter answers `["image","text"]` to an image-only model), ratio or size it does not take
 * (400).
 */
export function checkChatRequest(body: unknown, models: readonly ImageModel[]): ChatRequestCheck {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.map(String).join('.') || undefined;
    return {
      ok: false,
      status: 400,
      message: `Invalid request body: ${param ? `${param}: ` : ''}${issue?.message ?? 'malformed'}`,
      ...(param ? { param } : {}),
    };
  }
  const facts = chatRequestFacts(parsed.data)!;
  const id = canonicalModelId(facts.model);
  const model = models.find((m) => canonicalModelId(m.id) === id);
  if (!model) {
    return {
      ok: false,
      status: 400,
      message: `${facts.model} is not a valid model ID`,
      param: 'model',
    };
  }
  const missing = (facts.modalities ?? []).filter((m) => !model.outputModalities.includes(m));
  if (missing.length > 0) {
    return {
      ok: false,
      status: 404,
      message: `No endpoints found that support the requested output modalities: ${(facts.modalities ?? []).join(', ')}`,
      param: 'modalities',
    };
  }
  const caps = capabilitiesOf(model);
  const ratio = facts.imageConfig.aspect_ratio;
  if (
    typeof ratio === 'string' &&
    caps.aspectRatios &&
    !caps.aspectRatios.some((r) => r === ratio)
  ) {
    return {
      ok: false,
      status: 400,
      message: `Invalid aspect_ratio "${ratio}" for ${id}. Supported values: ${caps.aspectRatios.join(', ')}`,
      param: 'image_config.aspect_ratio',
    };
  }
  const size = facts.imageConfig.image_size;
  if (typeof size === 'string' && caps.imageSizes && !caps.imageSizes.some((s) => s === size)) {
    return {
      ok: false,
      status: 400,
      message: `Invalid image_size "${size}" for ${id}. Supported values: ${caps.imageSizes.join(', ')}`,
      param: 'image_config.image_size',
    };
  }
  return { ok: true, facts };
}
