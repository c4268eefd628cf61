import {
  capabilitiesOf,
  defaultModalities,
  type GenerateImageVariables,
  type ImageModel,
} from '@lunos-image/core';
import type { ComposeForm } from './compose-form';
import { pickSupported } from './pick-supported';

/**
 * The request of the form for one model: the form's ratio and size where the model takes them
 * (else its default, or nothing for a model whose options are undocumented), the modalities it
 * produces (image-only models answer 404 to ["image", "text"]), and the references if it reads
 * images. A compare column sends the same form to each of its models through this.
 */
export function variablesFor(form: ComposeForm, model: ImageModel): GenerateImageVariables {
  const { aspectRatios, imageSizes } = capabilitiesOf(model);
  const aspectRatio = pickSupported(form.aspectRatio, aspectRatios, '1:1');
  const imageSize = pickSupported(form.imageSize, imageSizes, '1K');
  const takesImages = model.inputModalities.includes('image');
  return {
    model: model.id,
    prompt: form.prompt.trim(),
    stream: form.stream,
    modalities: defaultModalities(model),
    ...(aspectRatio && { aspectRatio }),
    ...(imageSize && { imageSize }),
    ...(takesImages && form.references.length > 0 && { referenceImages: [...form.references] }),
  };
}
