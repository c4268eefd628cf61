import { capabilitiesOf } from './capabilities-of';
import type { ImageModel } from './image-model';

/**
 * What a model answers with, when known: its catalog entry's output modalities, or what its
 * family is documented to do; `undefined` for a model nobody has described. An error for a
 * request that asked for the wrong modalities names these.
 */
export function knownOutputModalities(model: string | ImageModel): readonly string[] | undefined {
  if (typeof model !== 'string' && model.outputModalities.length > 0) {
    return model.outputModalities;
  }
  const outputsText = capabilitiesOf(model).outputsText;
  if (outputsText === undefined) return undefined;
  return outputsText ? ['image', 'text'] : ['image'];
}
