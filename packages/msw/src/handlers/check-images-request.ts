import { canonicalModelId } from '@lunos-image/core';
import { z } from 'zod';
import {
  IMAGES_ASPECT_RATIOS,
  IMAGES_RESOLUTIONS,
  type ImagesResolution,
  imagesPixelSize,
  type PixelSize,
  ratioParts,
  resolutionOf,
} from '../catalogue/images-pixel-size';
import type { CapabilityDescriptor } from '../catalogue/mock-image-models';
import { MOCK_MODELS } from '../catalogue/mock-models';
import type { ImageFormat } from '../picture/encode-image';
import type { ImageCatalogue, ImageCatalogueEntry } from './images-catalogue';

/** The request fields that shape the pictures: what the `image_config` match field compares. */
const IMAGE_OPTIONS = [
  'n',
  'aspect_ratio',
  'resolution',
  'size',
  'quality',
  'output_format',
  'background',
  'output_compression',
  'seed',
] as const;

/**
 * What the mock needs to know about an Images API request to match a fixture. Shaped like the
 * chat route's facts so the same match fields apply: `image_config` compares the image options
 * (`n`, `aspect_ratio`, `resolution`, `size`, `quality`, …), and `modalities` is never set.
 */
export interface ImagesRequestFacts {
  model: string;
  prompt: string;
  modalities: undefined;
  imageConfig: Readonly<Record<string, unknown>>;
  stream: boolean;
  referenceImages: number;
}

/** A valid request, checked against its model: how many pictures to draw, and at what size. */
export interface ImagesRequestPlan {
  facts: ImagesRequestFacts;
  model: ImageCatalogueEntry;
  /** The images the model makes: the request's `n` (default 1) at most, as many as it can. */
  n: number;
  size: PixelSize;
  /** The resolution tier of `size`, for tiered prices. */
  resolution: ImagesResolution;
  /** The file format the images are drawn in. */
  format: ImageFormat;
  seed: number | undefined;
}

export type ImagesRequestCheck =
  | { ok: true; plan: ImagesRequestPlan }
  | { ok: false; status: number; message: string; param?: string };

const referenceSchema = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string().min(1) }),
});

const SIZE = /^(?:512|1K|2K|4K|auto|[1-9]\d{1,4}x[1-9]\d{1,4})$/;

/** The request body of `POST /images` (api-wire-format.md §9); unknown fields pass. */
const imagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  prompt: z.string().min(1),
  n: z.number().int().min(1).max(10).optional(),
  aspect_ratio: z.enum(IMAGES_ASPECT_RATIOS).optional(),
  resolution: z.enum(Object.keys(IMAGES_RESOLUTIONS) as [ImagesResolution]).optional(),
  size: z
    .string()
    .regex(SIZE, 'must be a tier (1K, 2K, 4K, 512), auto, or WIDTHxHEIGHT')
    .optional(),
  quality: z.enum(['auto', 'low', 'medium', 'high', 'xhigh', 'max']).optional(),
  output_format: z.enum(['png', 'jpeg', 'webp', 'svg']).optional(),
  background: z.enum(['auto', 'transparent', 'opaque']).optional(),
  output_compression: z.number().int().min(0).max(100).optional(),
  seed: z.number().int().optional(),
  stream: z.boolean().optional(),
  input_references: z.array(referenceSchema).max(16).optional(),
});
type ImagesRequest = z.output<typeof imagesRequestSchema>;

/** Facts of anything shaped like an Images API request; undefined without a model and a prompt. */
export function imagesRequestFacts(body: unknown): ImagesRequestFacts | undefined {
  const b = body as Record<string, unknown> | null | undefined;
  if (typeof b?.model !== 'string' || typeof b.prompt !== 'string') return undefined;
  const imageConfig: Record<string, unknown> = {};
  for (const name of IMAGE_OPTIONS) if (b[name] !== undefined) imageConfig[name] = b[name];
  return {
    model: b.model,
    prompt: b.prompt,
    modalities: undefined,
    imageConfig,
    stream: b.stream === true,
    referenceImages: Array.isArray(b.input_references) ? b.input_references.length : 0,
  };
}

type Refusal = Extract<ImagesRequestCheck, { ok: false }>;
const refuse = (message: string, param: string, status = 400): Refusal => ({
  ok: false,
  status,
  message,
  param,
});

function schemaRefusal(error: z.ZodError, body: unknown): Refusal {
  const issue = error.issues[0];
  const param = issue?.path.map(String).join('.') || undefined;
  if (issue?.code === 'invalid_value' && param) {
    const sent = (body as Record<string, unknown>)[param];
    return refuse(
      `Invalid ${param} ${JSON.stringify(sent)}. Supported values: ${issue.values.join(', ')}`,
      param,
    );
  }
  return {
    ok: false,
    status: 400,
    message: `Invalid request body: ${param ? `${param}: ` : ''}${issue?.message ?? 'malformed'}`,
    ...(param ? { param } : {}),
  };
}

function descriptorRefusal(
  id: string,
  name: string,
  value: unknown,
  d: CapabilityDescriptor,
): Refusal | undefined {
  if (d.type === 'enum' && !d.values.includes(String(value))) {
    return refuse(
      `Invalid ${name} ${JSON.stringify(value)} for ${id}. Supported values: ${d.values.join(', ')}`,
      name,
    );
  }
  if (d.type === 'range' && (typeof value !== 'number' || value < d.min || value > d.max)) {
    return refuse(
      `${name} ${JSON.stringify(value)} is out of range for ${id}: ${d.min} to ${d.max}`,
      name,
    );
  }
  return undefined;
}

/** Where a pixel `size` disagrees with `aspect_ratio` or `resolution` sent alongside it (§9). */
function sizeRefusal(request: ImagesRequest, size: PixelSize): Refusal | undefined {
  const text = `size "${size.width}x${size.height}"`;
  if (size.width < 64 || size.height < 64 || size.width * size.height > 4096 * 4096) {
    return refuse(
      `${text} is out of range: 64 px per side at least, 16.7 megapixels at most`,
      'size',
    );
  }
  const ratio = request.aspect_ratio;
  if (ratio && ratio !== 'auto') {
    const [a, b] = ratioParts(ratio);
    if (Math.abs(Math.log(size.width / size.height / (a / b))) > 0.01) {
      return refuse(
        `${text} conflicts with aspect_ratio "${ratio}": send one of them, or a size of that ratio`,
        'size',
      );
    }
  }
  const tier = resolutionOf(size);
  if (request.resolution && request.resolution !== tier) {
    return refuse(
      `${text} is a ${tier} size and conflicts with resolution "${request.resolution}"`,
      'size',
    );
  }
  return undefined;
}

/**
 * How many images a model makes when asked for `n`: `n` is an upper bound (api-wire-format.md §9:
 * "providers may return fewer"), so a model whose `n` range ends below it makes its maximum, and
 * one that describes no `n` makes one.
 */
function imagesMade(model: ImageCatalogueEntry, n: number): number {
  const described = model.supportedParameters.n;
  return Math.min(n, described?.type === 'range' ? described.max : 1);
}

/**
 * The format the images are drawn in: the `output_format` asked for when the model describes it
 * (a model that does not ignores it, as its provider would); PNG for SVG, which the mock does not
 * draw.
 */
function imageFormat(model: ImageCatalogueEntry, asked: string | undefined): ImageFormat {
  const described = model.supportedParameters.output_format !== undefined;
  return described && (asked === 'jpeg' || asked === 'webp') ? asked : 'png';
}

/**
 * Checks an Images API body the way the API does: the request schema (400), the model (400 for
 * an id nobody serves, 404 for a chat model with no image endpoint), every parameter the model
 * describes against its descriptor (enum, range; `n` is an upper bound, checked only against the
 * API's 1 to 10), and a pixel `size` against `aspect_ratio` and `resolution` (400). Parameters a model does not describe
 * are ignored, as its provider would.
 */
export function checkImagesRequest(body: unknown, catalogue: ImageCatalogue): ImagesRequestCheck {
  const parsed = imagesRequestSchema.safeParse(body);
  if (!parsed.success) return schemaRefusal(parsed.error, body);
  const request = parsed.data;
  const model = catalogue.find(request.model);
  if (!model) {
    const chatOnly = MOCK_MODELS.some((m) => m.id === canonicalModelId(request.model));
    return chatOnly
      ? refuse(`No image generation endpoints found for ${request.model}`, 'model', 404)
      : refuse(`${request.model} is not a valid model ID`, 'model');
  }
  for (const [name, descriptor] of Object.entries(model.supportedParameters)) {
    // n is an upper bound, not a demand: more than the model makes gets what it makes.
    if (name === 'n') continue;
    const value = request[name];
    const refusal =
      value === undefined ? undefined : descriptorRefusal(model.id, name, value, descriptor);
    if (refusal) return refusal;
  }
  const tierSize = request.size && request.size in IMAGES_RESOLUTIONS ? request.size : undefined;
  if (tierSize && request.resolution && tierSize !== request.resolution) {
    return refuse(`size "${tierSize}" conflicts with resolution "${request.resolution}"`, 'size');
  }
  const pixels = /^(\d+)x(\d+)$/.exec(request.size ?? '');
  let size: PixelSize;
  if (pixels) {
    size = { width: Number(pixels[1]), height: Number(pixels[2]) };
    const refusal = sizeRefusal(request, size);
    if (refusal) return refusal;
  } else {
    const resolution = request.resolution ?? (tierSize as ImagesResolution | undefined);
    size = imagesPixelSize(model.sizing, request.aspect_ratio, resolution);
  }
  return {
    ok: true,
    plan: {
      facts: imagesRequestFacts(request)!,
      model,
      n: imagesMade(model, request.n ?? 1),
      format: imageFormat(model, request.output_format),
      size,
      resolution:
        request.resolution ?? (tierSize as ImagesResolution | undefined) ?? resolutionOf(size),
      seed: request.seed,
    },
  };
}
