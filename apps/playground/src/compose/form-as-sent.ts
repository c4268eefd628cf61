import type { GenerateImageVariables, ImageModel } from '@lunos-image/core';
import { apiOf } from '../models/model-key';
import type { ComposeForm } from './compose-form';

/**
 * The form as one model was really sent it (`variablesFor`): its id and wire, and only the
 * settings it took, so the gallery and Remix say what the run asked for, not what the form held
 * for another model (four images asked of a model that makes one is one image).
 */
export function formAsSent(
  form: ComposeForm,
  model: ImageModel,
  variables: GenerateImageVariables,
): ComposeForm {
  return {
    ...form,
    modelId: model.id,
    api: apiOf(model),
    aspectRatio: variables.aspectRatio,
    imageSize: variables.imageSize === '512' ? '0.5K' : variables.imageSize,
    n: variables.n ?? 1,
    seed: variables.seed ?? form.seed,
    quality: variables.quality,
    outputFormat: variables.outputFormat,
    background: variables.background,
  };
}
