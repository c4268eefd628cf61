import type { Modality } from '../schemas/chat-request-schema';

/** Prices in USD, each named by its unit; `undefined` when the catalog does not say. */
export interface ImageModelPricing {
  inputPerMillionTokens?: number;
  outputPerMillionTokens?: number;
  /**
   * Per million generated image tokens (OpenRouter `image_output`, a price per token like its
   * other prices: Gemini 2.5 Flash Image's $30/M times its 1290 tokens per 1K image is the
   * $0.0387 a generation is billed). `estimateImageCost` turns it into a price per image.
   */
  imageOutputPerMillionTokens?: number;
  /** Per input (reference) image (OpenRouter `image`). */
  perInputImage?: number;
  perRequest?: number;
}

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
}
