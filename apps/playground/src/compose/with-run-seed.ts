import type { ImageModel } from '@lunos-image/core';
import type { ComposeForm } from './compose-form';
import { drawSeed } from './draw-seed';
import { modelOptionsOf } from './model-options';

/**
 * The form a run is started with: with a new seed drawn when the seed is not locked and one of
 * `models` takes a seed (so the gallery can say which seed made a picture, and locking keeps
 * it); as it is otherwise.
 */
export function withRunSeed(form: ComposeForm, models: readonly ImageModel[]): ComposeForm {
  if (form.seedLocked || !models.some((model) => modelOptionsOf(model).takesSeed)) return form;
  return { ...form, seed: drawSeed() };
}
