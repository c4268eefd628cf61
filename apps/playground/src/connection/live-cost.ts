import type { CostLineProps } from '../run/cost-line';
import type { Connection } from './connection';
import { LIVE_UNPRICED_USD } from './live-limits';
import { usesRouteHandler } from './uses-route-handler';

/**
 * What a cost line adds where the dev server's route handler counts a budget per visitor (live,
 * through it): the price it reserves for a model without one, so the estimate shown is the
 * reservation, and the budget it last said was left. Nothing on other connections.
 */
export function liveCost(
  connection: Connection,
  budget: number | undefined,
): Pick<CostLineProps, 'unpricedUsd' | 'budget'> {
  return usesRouteHandler(connection) ? { unpricedUsd: LIVE_UNPRICED_USD, budget } : {};
}
