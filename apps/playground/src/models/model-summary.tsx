import type { ImageModel } from '@lunos-image/core';
import { isImageOnly } from './is-image-only';
import { modelPrice } from './model-price';

/**
 * A model as the pickers show it: name, id, an image-only badge, an Images API badge for models
 * of OpenRouter's Images API catalog (they go over `POST /images`), and the price of an image.
 */
export function ModelSummary({ model }: { model: ImageModel }) {
  const price = modelPrice(model);
  return (
    <span className="model-summary">
      <span className="model-name">{model.name}</span>
      <span className="model-meta">
        <code className="model-id">{model.id}</code>
        {model.api === 'images' && (
          <span className="api-badge" data-testid="images-api-badge">
            Images API
          </span>
        )}
        {isImageOnly(model) && <span className="badge">image only</span>}
        {price && <span className="price">{price}</span>}
      </span>
    </span>
  );
}
