import type { ImageModel } from '@lunos-image/core';

/** Models that answer with an image and no text (FLUX, Riverflow, Seedream, ...). */
export function isImageOnly(model: ImageModel): boolean {
  return model.outputModalities.includes('image') && !model.outputModalities.includes('text');
}
