import type { ImageModel } from '@lunos-image/core';
import { isImageOnly } from './is-image-only';
import { modelPrice } from './model-price';

/** A model as the pickers show it: name, id, an image-only badge and the price of an image. */
export function ModelSummary({ model }: { model: ImageModel }) {
  const price = modelPrice(model);
  return (
    <span className="model-summary">
      <span className="model-name">{model.name}</span>
      <span className="model-meta">
        <code className="model-id">{model.id}</code>
        {isImageOnly(model) && <span className="badge">image only</span>}
        {price && <span className="price">{price}</span>}
      </span>
    </span>
  );
}
