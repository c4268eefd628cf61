import type { ImageModel } from '../models/image-model';

/** The most images one request to `model` makes, by its `n` descriptor; none listed means one. */
function mostImages(model: ImageModel): number {
  const d = model.parameters?.n;
  if (d?.type === 'range') return d.max;
  if (d?.type === 'enum') return Math.max(...d.values.map(Number).filter(Number.isFinite), 1);
  return 1;
}

/**
 * A warning when `n` asks for more images than the model makes (its typed `parameters`, from the
 * Images API catalog), else undefined. `n` is an upper bound on the Images API (providers may
 * return fewer): the API answers 200 with the images the model made, so this is not refused.
 */
export function nBeyondModelWarning(n: number | undefined, model: ImageModel): string | undefined {
  if (n === undefined || !model.parameters) return undefined;
  const most = mostImages(model);
  if (n <= most) return undefined;
  const images = most === 1 ? 'one image' : `at most ${most} images`;
  return `n: ${model.id} makes ${images} per request; n ${n} is an upper bound, so expect ${images}`;
}
