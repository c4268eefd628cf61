// Relative imports of the sources: vite.config.ts imports this file, and Vite bundles the config
// itself, before any package build.
import type { DialectName } from '../../packages/core/src/index.ts';
import {
  createLunosImageHandler,
  memoryJobStore,
  memoryLimitStore,
} from '../../packages/core/src/server/index.ts';
import { type NodeListener, toNodeListener } from '../../packages/core/src/server/node/index.ts';
import {
  LIVE_UNPRICED_USD,
  type LiveLimits,
  liveLimitsFrom,
} from './src/connection/live-limits.ts';
import { visitorIdOf, withVisitorCookie } from './visitor-cookie.ts';

/** Another upstream than the provider's (the mock server in the e2e tests), with its key. */
export interface LiveUpstream {
  baseURL(dialect: DialectName): string;
  apiKey: string;
}

/**
 * The live modes' route handlers, by the path each is mounted at: `/api/lunos/lunos/*` and
 * `/api/lunos/openrouter/*` add LUNOS_API_KEY / OPENROUTER_API_KEY from the server's own
 * environment (or `upstream`'s key), so the key never reaches the page; without the variable a
 * request answers 500 naming it. Jobs are on, in this server's memory: a generation runs to its
 * end when the page reloads, and the page takes it up again.
 *
 * Each visitor (an anonymous id in an httpOnly cookie, given with the first answer, the model
 * list) has a budget and a rate across both dialects (`limits`, else the environment's
 * `LUNOS_BUDGET_USD`, `LUNOS_BUDGET_WINDOW_HOURS`, `LUNOS_RATE_PER_MINUTE`). A generation without
 * the cookie is refused (401), never unlimited.
 */
export function liveRouteHandlers(
  upstream?: LiveUpstream,
  limits: LiveLimits = liveLimitsFrom(process.env),
): Map<string, NodeListener> {
  const store = memoryJobStore();
  const counted = memoryLimitStore();
  const mounts = new Map<string, NodeListener>();
  for (const dialect of ['lunos', 'openrouter'] as const) {
    const handler = createLunosImageHandler({
      dialect,
      appId: 'lunos-image-playground',
      title: 'lunos-image playground',
      ...(upstream && { baseURL: upstream.baseURL(dialect), apiKey: upstream.apiKey }),
      jobs: { store, owner: visitorIdOf },
      limits: {
        spend: {
          key: visitorIdOf,
          usd: limits.budgetUsd,
          windowMs: limits.budgetWindowMs,
          unpricedUsd: LIVE_UNPRICED_USD,
        },
        rate: { key: visitorIdOf, requests: limits.ratePerMinute, windowMs: 60_000 },
        store: counted,
      },
    });
    mounts.set(`/api/lunos/${dialect}`, withVisitorCookie(toNodeListener(handler)));
  }
  return mounts;
}
