import type { AspectRatio, ImageSize } from '@lunos-image/core';

/** What the user set up for a generation; a history entry keeps it to restore the form. */
export interface ComposeForm {
  modelId: string | undefined;
  prompt: string;
  /** `undefined`: not sent, the model's default applies. */
  aspectRatio: AspectRatio | undefined;
  imageSize: ImageSize | undefined;
  stream: boolean;
  /** Reference images as the user picked them (sent as image parts). */
  references: readonly File[];
}

export const INITIAL_FORM: ComposeForm = {
  modelId: undefined,
  prompt: 'A sunset over snowy mountains, a lake in the foreground',
  aspectRatio: '16:9',
  imageSize: '1K',
  stream: true,
  references: [],
};
