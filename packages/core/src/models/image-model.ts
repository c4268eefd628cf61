import type { Modality } from '../schemas/chat-request-schema';

/** Prices in USD, each named by its unit; `undefined` when the catalog does not say. */
export interface ImageModelPricing {
  inputPerMillionTokens?: number;
  outputPerMillionTokens?: number;
  /** Per generated image (OpenRouter `image_output`). */
  perOutputImage?: number;
  /** Per input (reference) image (OpenRouter `image`). */
  perInputImage?: number;
  perRequest?: number;
  imageTokensPerMillion?: number;
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
