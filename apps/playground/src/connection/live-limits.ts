/**
 * What the live mode's route handler counts per visitor, shared by the server (live-route-handlers.ts
 * reads the budget from the environment) and the page (which shows what a generation reserves).
 * A model the catalogue gives no price reserves this much per image, so any model can be tried
 * without making the budget unlimited.
 */
export const LIVE_UNPRICED_USD = 0.2;

/** The cookie holding a visitor's anonymous id: the key of their budget and rate. */
export const VISITOR_COOKIE = 'lunos_visitor';

export interface LiveLimits {
  /** Each visitor's budget in USD over `budgetWindowMs`. */
  budgetUsd: number;
  budgetWindowMs: number;
  /** Generations a visitor may start per minute. */
  ratePerMinute: number;
}

const HOUR_MS = 3_600_000;

/** The defaults, each overridden by its variable (`LUNOS_BUDGET_USD`, …). */
export const LIVE_LIMIT_DEFAULTS: LiveLimits = {
  budgetUsd: 1,
  budgetWindowMs: 24 * HOUR_MS,
  ratePerMinute: 10,
};

function numberVar(env: Record<string, string | undefined>, name: string, fallback: number) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a number >= 0 (got ${JSON.stringify(raw)})`);
  }
  return value;
}

/**
 * The live limits from the environment: `LUNOS_BUDGET_USD` (default 1), `LUNOS_BUDGET_WINDOW_HOURS`
 * (default 24) and `LUNOS_RATE_PER_MINUTE` (default 10). A value that is not a number >= 0 throws,
 * naming the variable: a typo never turns a limit off.
 */
export function liveLimitsFrom(env: Record<string, string | undefined>): LiveLimits {
  return {
    budgetUsd: numberVar(env, 'LUNOS_BUDGET_USD', LIVE_LIMIT_DEFAULTS.budgetUsd),
    budgetWindowMs:
      numberVar(env, 'LUNOS_BUDGET_WINDOW_HOURS', LIVE_LIMIT_DEFAULTS.budgetWindowMs / HOUR_MS) *
      HOUR_MS,
    ratePerMinute: numberVar(env, 'LUNOS_RATE_PER_MINUTE', LIVE_LIMIT_DEFAULTS.ratePerMinute),
  };
}
