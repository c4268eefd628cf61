import { defaultModalities, type GenerateImageVariables, type ImageModel } from '@lunos-image/core';
import type { ComposeForm } from './compose-form';
import { modelOptionsOf } from './model-options';
import { pickSupported } from './pick-supported';

/** `value` when the model offers it, else nothing (the model's default applies). */
const ifOffered = <T>(value: T | undefined, options: readonly T[] | undefined) =>
  value !== undefined && options?.includes(value) ? value : undefined;

/**
 * The request of the form for one model: the form's ratio and size where the model takes them
 * (else its default, or nothing for a model whose options are undocumented), and the references
 * if it reads images. A chat model is sent the modalities it produces (image-only models answer
 * 404 to ["image", "text"]); an Images API model goes over that wire (`api: 'images'`) with the
 * count, seed, quality, format and background its parameters list, and nothing it does not. A
 * compare column sends the same form to each of its models through this.
 */
export function variablesFor(form: ComposeForm, model: ImageModel): GenerateImageVariables {
  const options = modelOptionsOf(model);
  const aspectRatio = pickSupported(form.aspectRatio, options.aspectRatios, '1:1');
  const imageSize = pickSupported(form.imageSize, options.imageSizes, '1K');
  const takesImages = model.inputModalities.includes('image');
  const common = {
    model: model.id,
    prompt: form.prompt.trim(),
    stream: form.stream,
  };
  const shared = {
    ...(aspectRatio && { aspectRatio }),
    ...(imageSize && { imageSize }),
    ...(takesImages && form.references.length > 0 && { referenceImages: [...form.references] }),
  };
  if (model.api !== 'images') {
    return { ...common, modalities: defaultModalities(model), ...shared };
  }
  const n = Math.min(form.n, options.maxImages);
  const quality = ifOffered(form.quality, options.qualities);
  const outputFormat = ifOffered(form.outputFormat, options.outputFormats);
  const background = ifOffered(form.background, options.backgrounds);
  return {
    ...common,
    api: 'images',
    ...shared,
    ...(n > 1 && { n }),
    ...(options.takesSeed && form.seed !== undefined && { seed: form.seed }),
    ...(quality && { quality }),
    ...(outputFormat && { outputFormat }),
    ...(background && { background }),
  };
}
