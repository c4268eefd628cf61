import type { Modality } from '../schemas/chat-request-schema';

/** Prices in USD, each named by its unit; `undefined` when the catalog does not say. */
export interface ImageModelPricing {
  inputPerMillionTokens?: number;
  outputPerMillionTokens?: number;
  /**
   * Per million generated image tokens (OpenRouter `image_output`, a price per token like its
   * other prices: Gemini 2.5 Flash Image's $30/M times its 1290 tokens per 1K image is the
   * $0.0387 a generation is billed; on the Images API, an `output_image` line of unit `token`,
   * as GPT Image is priced). `estimateImageCost` turns it into a price per image.
   */
  imageOutputPerMillionTokens?: number;
  /** Per input (reference) image (OpenRouter `image`). */
  perInputImage?: number;
  perRequest?: number;
  /** Per generated image (Images API pricing lines of unit `image`). */
  perImage?: number;
  /** Per generated megapixel (Images API pricing lines of unit `megapixel`). */
  perMegapixel?: number;
  /**
   * Prices of tiered endpoints by `variant` as the API names it, lower-case (`2k`, `4k`): they
   * replace `perImage`/`perMegapixel` for that resolution.
   */
  variants?: Readonly<Record<string, { perImage?: number; perMegapixel?: number }>>;
}

/**
 * What an Images API model takes for one request field: a closed set of values, an integer
 * range, or plain support. A parameter without a descriptor is not supported by the model.
 */
export type ParameterDescriptor =
  | { type: 'enum'; values: readonly (string | number)[] }
  | { type: 'range'; min: number; max: number }
  | { type: 'boolean' };

/** Which wire a generation goes over: chat completions, or OpenRouter's `POST /images`. */
export type ImageApi = 'chat' | 'images';

/** One image-capable model, the same shape for both dialects' catalogs. */
export interface ImageModel {
  id: string;
  name: string;
  provider: string;
  inputModalities: readonly (Modality | (string & {}))[];
  outputModalities: readonly (Modality | (string & {}))[];
  pricing: ImageModelPricing;
  supportedParameters: readonly string[];
  contextLength: number | undefined;
  /** The catalog entry as received, unknown fields included. */
  raw: unknown;
  /** The wire the catalog lists it for: `images` for entries of `GET /images/models`. */
  api?: ImageApi;
  /**
   * Typed capabilities by request field name (`resolution`, `n`, `quality`…), when the catalog
   * gives them (the Images API does); requests are checked against them before anything is sent.
   */
  parameters?: Readonly<Record<string, ParameterDescriptor>>;
  /** Whether any endpoint streams natively (partial images); others answer JSON to `stream`. */
  supportsStreaming?: boolean;
}
