import { formatUsd } from './format-usd';

export interface BudgetLineProps {
  /** What Generate reserves from the budget (`estimateMaxCost`); undefined before a model. */
  estimateUsd: number | undefined;
  /** The budget left as the route handler last said it (the hook's `budget`). */
  budgetUsd: number | undefined;
}

/**
 * Before Generate: what the run will reserve from the visitor's budget, the amount the route
 * handler reserves (the same function computes both); after an answer, the budget left.
 */
export function BudgetLine({ estimateUsd, budgetUsd }: BudgetLineProps) {
  return (
    <p className="budget" aria-live="polite">
      {estimateUsd !== undefined && (
        <span data-testid="estimate">Generate reserves up to {formatUsd(estimateUsd)}.</span>
      )}
      {budgetUsd !== undefined && (
        <span data-testid="budget"> Your budget left: {formatUsd(budgetUsd)}.</span>
      )}
    </p>
  );
}
