import { estimateMaxCost, type GenerateImageVariables, type ImageModel } from '@lunos-image/core';
import { formatUsd } from '../format/format-usd';

/** One request Generate will send: its model and its variables (size, ratio, quality, `n`). */
export interface CostedRequest {
  model: ImageModel;
  variables: GenerateImageVariables;
}

export interface CostLineProps {
  /** One entry per request the Generate button sends (one per model when comparing). */
  requests: readonly CostedRequest[];
  /** What the last finished run was billed (`usage.cost`), when it said. */
  billed: number | undefined;
  /**
   * Set when the route handler counts spending (live mode): what it reserves per image of a model
   * without a price, so the estimate is the reservation for every model.
   */
  unpricedUsd?: number | undefined;
  /** The budget left, as the route handler last said it (the hook's `budget`). */
  budget?: number | undefined;
}

const imagesOf = ({ variables }: CostedRequest) => variables.n ?? 1;
const plural = (count: number) => `${count} image${count === 1 ? '' : 's'}`;

/**
 * `≈ $0.039 for 1 image`, `≈ $0.16 for 4 images`, `≈ $0.12 for 3 images, one per model`, and
 * which models have no price (their part is left out of the sum, never guessed).
 */
function estimateText(
  requests: CostLineProps['requests'],
  unpricedUsd: number | undefined,
): string {
  if (requests.length === 0) return 'No model chosen';
  // The function the route handler reserves with: what is shown is what is reserved.
  const estimates = requests.map(({ model, variables }) =>
    estimateMaxCost(model, variables, { unpricedUsd }),
  );
  const priced = requests.filter((_, i) => estimates[i] !== undefined);
  const unpriced = requests.filter((_, i) => estimates[i] === undefined).map((r) => r.model.name);
  const total = formatUsd(estimates.reduce<number>((sum, cost) => sum + (cost ?? 0), 0));
  const count = (list: readonly CostedRequest[]) => list.reduce((sum, r) => sum + imagesOf(r), 0);
  if (requests.length === 1) {
    return priced.length === 1
      ? `≈ ${total} for ${plural(count(priced))}`
      : 'No price estimate for this model';
  }
  if (priced.length === 0) return 'No price estimate for these models';
  const each = requests.every((r) => imagesOf(r) === 1) ? ', one per model' : '';
  return unpriced.length === 0
    ? `≈ ${total} for ${plural(count(requests))}${each}`
    : `≈ ${total} for ${count(priced)} of ${plural(count(requests))}; no price for ${unpriced.join(', ')}`;
}

/**
 * Cost before you spend: the estimate from the catalog's prices (`estimateMaxCost`, per image,
 * per megapixel or per image token, times `n`: what the route handler reserves) for what
 * Generate will ask for; then what the last run was really billed, and the budget left.
 */
export function CostLine({ requests, billed, unpricedUsd, budget }: CostLineProps) {
  return (
    <p className="cost-line" aria-live="polite">
      <span data-testid="cost-estimate">{estimateText(requests, unpricedUsd)}</span>
      {billed !== undefined && (
        <span data-testid="cost-actual"> · last run billed {formatUsd(billed)}</span>
      )}
      {budget !== undefined && (
        <span data-testid="budget-remaining"> · {formatUsd(budget)} of your budget left</span>
      )}
    </p>
  );
}
