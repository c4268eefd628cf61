import type { Modality } from '../schemas/chat-request-schema';
import { capabilitiesOf } from './capabilities-of';
import type { ImageModel } from './image-model';

/**
 * The `modalities` a request asks for when the caller sets none: image and text for a model
 * documented (or catalogued) to answer with text, image alone otherwise.
 */
export function defaultModalities(model: string | ImageModel): Modality[] {
  return capabilitiesOf(model).outputsText ? ['image', 'text'] : ['image'];
}
