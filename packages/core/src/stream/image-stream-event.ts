import type { StreamError } from '../errors/stream-errors';
import type { GeneratedImage } from '../image/generated-image';
import type { Usage } from '../schemas/usage-schema';

/** Tokens and cost of a run, camelCase; `raw` is the usage object as the API sent it. */
export interface ImageUsage {
  promptTokens: number | undefined;
  completionTokens: number | undefined;
  totalTokens: number | undefined;
  imageTokens: number | undefined;
  reasoningTokens: number | undefined;
  /** USD, as billed. */
  cost: number | undefined;
  raw: Usage;
}

/**
 * What to do when an image arrives for an index already filled (Gemini sends a preview, then the
 * final image): `replace` it (default), `append` every image, or `dedupe-by-url` (drop exact
 * repeats, keep the rest).
 */
export type ImagePolicy = 'replace' | 'append' | 'dedupe-by-url';

/** The events of one generation, streamed or not. Names are noun-verb, kebab-case. */
export type ImageStreamEvent =
  /** A keep-alive comment (`: OPENROUTER PROCESSING`): the provider is working. */
  | { type: 'processing'; comment: string }
  | { type: 'text-delta'; text: string }
  /**
   * `index` is the image's place in the result (its slot); a repeated index replaces (policy
   * `replace`). `cost`: USD billed for this image, when the answer says (an Images API stream's
   * usage grew by it; a JSON answer's cost shared by its images).
   */
  | { type: 'image'; image: GeneratedImage; index: number; cost?: number }
  /**
   * The image of slot `index` failed: an Images API error event after other images had
   * completed. Not the run's error: the run goes on and keeps the images that came.
   */
  | { type: 'image-error'; index: number; error: StreamError }
  /**
   * A preview of the image being made for slot `index` (the `index` its `image` event will
   * have); `partialIndex` counts the previews of that slot (0, 1, 2…). Replaced by the next
   * preview, dropped when the slot's image arrives; never part of the result.
   */
  | { type: 'partial-image'; image: GeneratedImage; index: number; partialIndex: number }
  | { type: 'usage'; usage: ImageUsage }
  /** Always the last event of a successful run. */
  | {
      type: 'finish';
      reason: string | null;
      nativeReason: string | null;
      id: string | undefined;
      model: string | undefined;
      provider: string | undefined;
    }
  /** An in-band error; iterating an `ImageStream` throws it right after. */
  | { type: 'error'; error: StreamError };
