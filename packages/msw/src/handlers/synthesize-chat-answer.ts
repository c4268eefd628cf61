import {
  type AspectRatio,
  canonicalModelId,
  type ImageModel,
  type ImageSize,
} from '@lunos-image/core';
import { encodeBase64 } from '@lunos-image/core/internal';
import { apiPath } from '../catalogue/api-path';
import { chatChunk } from '../catalogue/chat-chunk';
import { chatCompletion } from '../catalogue/chat-completion';
import { generationId } from '../catalogue/generation-id';
import { imageDimensions } from '../catalogue/image-dimensions';
import { MOCK_MODELS } from '../catalogue/mock-models';
import { usageObject } from '../catalogue/usage-object';
import type { Fixture, FixtureDialect, SseFixtureEvent } from '../fixture/fixture-schema';
import { cachedPicture } from '../picture/cached-picture';
import { renderPicture } from '../picture/render-picture';
import { sceneForPrompt } from '../picture/scene-for-prompt';
import { KEEP_ALIVE_COMMENT } from '../replay/plan-stream';
import { hashString } from '../util/seeded-random';
import type { ChatRequestFacts } from './check-chat-request';

/** Splits a caption into a few deltas, as the API streams text in pieces. */
function pieces(text: string): string[] {
  const words = text.split(/(?<= )/);
  const size = Math.max(1, Math.ceil(words.length / 3));
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
  return out;
}

export interface SynthesizeOptions {
  dialect: FixtureDialect;
  /** The catalogue entry of the requested model (for pricing and text output). */
  model: ImageModel;
  /** Unix seconds for `created`; defaults to now. */
  created?: number;
}

/**
 * The answer to a valid request no fixture matches: a picture drawn for the prompt at the pixel
 * size of the requested ratio and size, with the prompt as caption, shaped like the real API's
 * answer (streamed: keep-alives, text deltas, the image, a finish chunk, a usage chunk, [DONE]).
 * Without `image` in `modalities`, like Gemini, it answers with text only.
 */
export async function synthesizeChatAnswer(
  facts: ChatRequestFacts,
  options: SynthesizeOptions,
): Promise<Fixture> {
  const { model, dialect } = options;
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const ratio = (facts.imageConfig.aspect_ratio as AspectRatio | undefined) ?? '1:1';
  const size = (facts.imageConfig.image_size as ImageSize | undefined) ?? '1K';
  const seed = hashString(`${facts.model}|${facts.prompt}|${ratio}|${size}`);
  const id = generationId(seed ^ created, created);
  const wantsImage = facts.modalities?.includes('image') ?? false;
  const outputsText = model.outputModalities.includes('text');
  const caption = !wantsImage
    ? `I can describe "${facts.prompt}", but this request did not ask for image output. Add "image" to modalities to get a picture.`
    : outputsText
      ? `Here is your image: ${facts.prompt}`
      : '';
  let imageUrl: string | undefined;
  if (wantsImage) {
    const { width, height } = imageDimensions(facts.model, ratio, size);
    const prompt = facts.prompt;
    const png = await cachedPicture(`${width}x${height}|${seed}`, () =>
      renderPicture({
        width,
        height,
        scene: sceneForPrompt(prompt),
        seed,
        style: /watercolou?r/i.test(prompt) ? 'watercolor' : 'flat',
        caption: prompt,
        label: 'LUNOS-IMAGE MOCK',
      }),
    );
    imageUrl = `data:image/png;base64,${encodeBase64(png)}`;
  }
  const imageTokens = wantsImage ? 1290 : 0;
  const promptTokens =
    Math.max(1, Math.ceil(facts.prompt.length / 4)) + facts.referenceImages * 258;
  const textTokens = Math.ceil(caption.length / 4);
  const completionTokens = imageTokens + textTokens;
  const { inputPerMillionTokens = 0, outputPerMillionTokens = 0 } = model.pricing;
  // Image tokens are billed at the image price where the catalog has one (as OpenRouter does).
  const imagePerMillion = model.pricing.imageOutputPerMillionTokens ?? outputPerMillionTokens;
  const cost =
    Math.round(
      ((promptTokens * inputPerMillionTokens +
        textTokens * outputPerMillionTokens +
        imageTokens * imagePerMillion) /
        1e6) *
        1e7,
    ) / 1e7;
  const usage = usageObject(promptTokens, completionTokens, imageTokens, cost);
  const known = MOCK_MODELS.find((m) => m.id === canonicalModelId(model.id));
  const head = {
    id,
    provider: known?.providerName ?? model.provider,
    model: facts.model.replace(/^openrouter\//, ''),
    created,
  };
  const image = imageUrl
    ? [{ type: 'image_url', image_url: { url: imageUrl }, index: 0 }]
    : undefined;
  const base: Omit<Fixture, 'response'> = {
    version: 1,
    id: `synthesized/${seed.toString(16)}`,
    description: `Synthesized answer to "${facts.prompt}"`,
    source: 'reconstructed',
    dialect,
    request: {
      method: 'POST',
      path: apiPath(dialect, 'chat'),
      headers: {},
      match: { on: [] },
    },
  };
  if (!facts.stream) {
    return {
      ...base,
      response: {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-generation-id': id },
        headersAfterMs: 4200,
        body: {
          kind: 'json',
          json: chatCompletion(
            head,
            { content: caption, ...(image ? { images: image } : {}) },
            usage,
          ),
        },
      },
    };
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra = {}) =>
    chatChunk(head, delta, finish, finish === null ? null : 'STOP', extra);
  const events: SseFixtureEvent[] = [
    { dt: 0, comment: KEEP_ALIVE_COMMENT },
    { dt: 1200, comment: KEEP_ALIVE_COMMENT },
  ];
  const texts = caption ? pieces(caption) : [];
  texts.forEach((text, i) => {
    events.push({ dt: i === 0 ? 900 : 120, data: chunk({ content: text }, null) });
  });
  if (image) events.push({ dt: 2600, data: chunk({ content: '', images: image }, null) });
  events.push(
    { dt: 15, data: chunk({ content: '' }, 'stop') },
    { dt: 30, data: chunk({ content: '' }, 'stop', { usage }) },
    { dt: 2, data: '[DONE]' },
  );
  return {
    ...base,
    response: {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'x-generation-id': id },
      headersAfterMs: 250,
      body: { kind: 'sse', lineEnding: '\n', events, end: 'close' },
    },
  };
}
