import { estimateImageCost, type ImageModel, type ImageSize } from '@lunos-image/core';
import { formatUsd } from '../format/format-usd';

export interface CostLineProps {
  model: ImageModel | undefined;
  imageSize: ImageSize | undefined;
  /** What the last finished run of this model was billed (`usage.cost`), when it said. */
  billed: number | undefined;
}

/**
 * Cost before you spend: the estimate for one image of the chosen model at the chosen size, from
 * the catalog's prices (`estimateImageCost`); then what the last run was really billed.
 */
export function CostLine({ model, imageSize, billed }: CostLineProps) {
  const estimate = model ? estimateImageCost(model, imageSize ?? '1K') : undefined;
  return (
    <p className="cost-line" aria-live="polite">
      <span data-testid="cost-estimate">
        {estimate === undefined
          ? 'No price estimate for this model'
          : `≈ ${formatUsd(estimate)} for 1 image`}
      </span>
      {billed !== undefined && (
        <span data-testid="cost-actual"> · last run billed {formatUsd(billed)}</span>
      )}
    </p>
  );
}
