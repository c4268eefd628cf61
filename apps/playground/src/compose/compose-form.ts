import type {
  AspectRatio,
  ImageApi,
  ImageSize,
  ImagesBackground,
  ImagesQuality,
} from '@lunos-image/core';

/** The output formats a `GeneratedImage` can hold (the Images API's `svg` is left out by core). */
export type OutputFormatChoice = 'png' | 'jpeg' | 'webp';

/** What the user set up for a generation; a history entry keeps it to restore the form. */
export interface ComposeForm {
  modelId: string | undefined;
  /**
   * The catalog the model was picked from: `chat` (chat completions) or `images` (OpenRouter's
   * Images API). The same id can be in both, and each goes over its own wire.
   */
  api: ImageApi;
  prompt: string;
  /** `undefined`: not sent, the model's default applies. */
  aspectRatio: AspectRatio | undefined;
  imageSize: ImageSize | undefined;
  stream: boolean;
  /** Reference images as the user picked them (sent as image parts). */
  references: readonly File[];
  // The Images API's own settings: each is sent only to a model whose parameters list it.
  /** Images asked for, 1 to 4; sent when above 1. */
  n: number;
  /** The seed of the next run when locked; else the one the last run drew. */
  seed: number | undefined;
  /** Locked: every run sends `seed`. Unlocked: every run draws a new one. */
  seedLocked: boolean;
  /** `undefined`: not sent, the model's default applies. */
  quality: ImagesQuality | undefined;
  outputFormat: OutputFormatChoice | undefined;
  background: ImagesBackground | undefined;
}

export const INITIAL_FORM: ComposeForm = {
  modelId: undefined,
  api: 'chat',
  prompt: 'A sunset over snowy mountains, a lake in the foreground',
  aspectRatio: '16:9',
  imageSize: '1K',
  stream: true,
  references: [],
  n: 1,
  seed: undefined,
  seedLocked: false,
  quality: undefined,
  outputFormat: undefined,
  background: undefined,
};

/**
 * A form as the gallery kept it, completed with today's defaults: runs saved before the Images
 * API settings existed have none of them (they were chat runs, one image, no seed).
 */
export function completeForm(saved: Partial<ComposeForm>): ComposeForm {
  return {
    ...INITIAL_FORM,
    aspectRatio: undefined,
    imageSize: undefined,
    ...saved,
  };
}
