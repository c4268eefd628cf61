import { estimateImageCost, type ImageModel, type ImageSize } from '@lunos-image/core';
import { formatUsd } from '../format/format-usd';

export interface CostLineProps {
  /** One entry per image the Generate button asks for: its model and the size asked of it. */
  images: readonly { model: ImageModel; imageSize: ImageSize | undefined }[];
  /** What the last finished run was billed (`usage.cost`), when it said. */
  billed: number | undefined;
}

/**
 * `≈ $0.039 for 1 image`, `≈ $0.12 for 3 images, one per model`, and which models have no price
 * (their part is left out of the sum, never guessed).
 */
function estimateText(images: CostLineProps['images']): string {
  if (images.length === 0) return 'No model chosen';
  const estimates = images.map(({ model, imageSize }) =>
    estimateImageCost(model, imageSize ?? '1K'),
  );
  const priced = estimates.filter((cost): cost is number => cost !== undefined);
  const unpriced = images.filter((_, i) => estimates[i] === undefined).map((i) => i.model.name);
  if (images.length === 1) {
    return priced.length === 1
      ? `≈ ${formatUsd(priced[0]!)} for 1 image`
      : 'No price estimate for this model';
  }
  if (priced.length === 0) return 'No price estimate for these models';
  const total = formatUsd(priced.reduce((sum, cost) => sum + cost, 0));
  return unpriced.length === 0
    ? `≈ ${total} for ${images.length} images, one per model`
    : `≈ ${total} for ${priced.length} of ${images.length} images; no price for ${unpriced.join(', ')}`;
}

/**
 * Cost before you spend: the estimate from the catalog's prices (`estimateImageCost`) for what
 * Generate will ask for; then what the last run was really billed.
 */
export function CostLine({ images, billed }: CostLineProps) {
  return (
    <p className="cost-line" aria-live="polite">
      <span data-testid="cost-estimate">{estimateText(images)}</span>
      {billed !== undefined && (
        <span data-testid="cost-actual"> · last run billed {formatUsd(billed)}</span>
      )}
    </p>
  );
}
