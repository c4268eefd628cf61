import { encodeBase64 } from '@lunos-image/core/internal';
import { apiPath } from '../catalogue/api-path';
import { generationId } from '../catalogue/generation-id';
import { completedImageEvent, imagesResponse, partialImageEvent } from '../catalogue/images-answer';
import { imagesUsage } from '../catalogue/images-usage';
import type { Fixture, SseFixtureEvent } from '../fixture/fixture-schema';
import { cachedPicture } from '../picture/cached-picture';
import { IMAGE_MEDIA_TYPES } from '../picture/encode-image';
import { type PictureSpec, renderPicture } from '../picture/render-picture';
import { sceneForPrompt } from '../picture/scene-for-prompt';
import { KEEP_ALIVE_COMMENT } from '../replay/plan-stream';
import { hashString } from '../util/seeded-random';
import type { ImagesRequestPlan } from './check-images-request';

/** Block sizes of the previews streamed before each image: coarse first, finer next. */
export const PARTIAL_BLOCKS = [32, 8] as const;

export interface SynthesizeImagesOptions {
  /** Unix seconds for `created`; defaults to now. */
  created?: number;
}

/** The picture of one slot: the prompt's scene, its own seed, numbered when there are several. */
function slotSpec(plan: ImagesRequestPlan, slot: number): PictureSpec {
  const { facts, n, size } = plan;
  // The request's seed, else one drawn from the request: same request, same pictures.
  const base =
    plan.seed ?? hashString(`${facts.model}|${facts.prompt}|${size.width}x${size.height}`);
  return {
    ...size,
    scene: sceneForPrompt(facts.prompt),
    seed: (base + slot) >>> 0,
    style: /watercolou?r/i.test(facts.prompt) ? 'watercolor' : 'flat',
    caption: facts.prompt,
    label: n > 1 ? `LUNOS-IMAGE MOCK ${slot + 1}/${n}` : 'LUNOS-IMAGE MOCK',
    format: plan.format,
  };
}

const render = async (spec: PictureSpec): Promise<string> =>
  encodeBase64(await cachedPicture(JSON.stringify(spec), () => renderPicture(spec)));

/**
 * The answer to a valid Images API request no fixture matches: the `n` pictures the model makes,
 * drawn for the prompt at the planned size and in the planned format (PNG, JPEG or WebP, with the
 * matching `media_type`), one seed per slot. A model that streams, asked to, answers SSE: per image,
 * coarse previews of it (same size, blocks of 32 then 8 px), then `image_generation.completed`
 * with the usage billed so far, then `[DONE]`. Any other request gets the JSON answer, as the API
 * does for providers without native streaming.
 */
export async function synthesizeImagesAnswer(
  plan: ImagesRequestPlan,
  options: SynthesizeImagesOptions = {},
): Promise<Fixture> {
  const { facts, model, n } = plan;
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const specs = Array.from({ length: n }, (_, slot) => slotSpec(plan, slot));
  const images = await Promise.all(specs.map(render));
  const usageOf = (count: number) =>
    imagesUsage({
      pricing: model.pricing,
      prompt: facts.prompt,
      referenceImages: facts.referenceImages,
      images: Array.from({ length: count }, () => plan.size),
      resolution: plan.resolution,
      imageTokens: model.imageTokens,
    });
  const mediaType = IMAGE_MEDIA_TYPES[plan.format];
  const seed = specs[0]!.seed;
  const id = generationId(seed ^ created, created);
  const base: Omit<Fixture, 'response'> = {
    version: 1,
    id: `synthesized/images-${seed.toString(16)}`,
    description: `Synthesized Images API answer to "${facts.prompt}"`,
    source: 'reconstructed',
    dialect: 'openrouter',
    request: {
      method: 'POST',
      path: apiPath('openrouter', 'images'),
      headers: {},
      body: { model: facts.model, prompt: facts.prompt },
      match: { on: [] },
    },
  };
  if (!(facts.stream && model.supportsStreaming)) {
    return {
      ...base,
      response: {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-generation-id': id },
        headersAfterMs: 5200 + 1800 * (n - 1),
        body: { kind: 'json', json: imagesResponse(created, images, usageOf(n), mediaType) },
      },
    };
  }
  const events: SseFixtureEvent[] = [{ dt: 0, comment: KEEP_ALIVE_COMMENT }];
  for (const [slot, spec] of specs.entries()) {
    const previews = await Promise.all(PARTIAL_BLOCKS.map((draft) => render({ ...spec, draft })));
    previews.forEach((b64, i) => {
      events.push({ dt: 2400, data: partialImageEvent(i, b64) });
    });
    events.push({
      dt: 2600,
      data: completedImageEvent(images[slot]!, created, usageOf(slot + 1), mediaType),
    });
  }
  events.push({ dt: 2, data: '[DONE]' });
  return {
    ...base,
    response: {
      status: 200,
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        'x-generation-id': id,
      },
      headersAfterMs: 300,
      body: { kind: 'sse', lineEnding: '\n', events, end: 'close' },
    },
  };
}
