import { estimateMaxCost } from '../../models/estimate-max-cost';
import type { ImageApi } from '../../models/image-model';
import type { LimitKey } from '../lunos-image-handler-options';
import { refuse } from '../refuse';
import type { HandlerContext } from '../route-server';
import type { HandlerSpend } from './check-limits-options';
import { costedVariablesOf } from './costed-variables-of';
import { PricesUnavailable } from './model-prices';
import { SpendTicket } from './spend-ticket';

/** The header carrying the budget left after a generation's reservation, in USD. */
export const BUDGET_REMAINING_HEADER = 'x-lunos-budget-remaining';

/** What a generation the limits let through carries on: its reservation, the header to answer. */
export interface Admission {
  readonly spend: SpendTicket | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

const NONE: Admission = { spend: undefined, headers: {} };

/** `key(request)` as a non-empty string, or undefined (a throw or anything else). */
export async function limitKeyOf(key: LimitKey, request: Request): Promise<string | undefined> {
  try {
    const value = await key(request);
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

const keyMissing = (option: string) =>
  refuse(
    401,
    'limit_key_missing',
    `The request has no ${option} key: it cannot be counted, so it is refused`,
  );

const storeDown = () =>
  refuse(503, 'limit_store_unavailable', 'The limits cannot be counted now; try again shortly', {
    headers: { 'retry-after': '5' },
  });

const retryAfter = (ms: number) => ({ 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) });

/**
 * A checked generation against `limits.rate` then `limits.spend`, before anything goes upstream:
 * the request's key told (a throw or nothing refuses, 401), its rate counted (429
 * `rate_limited`), its estimated maximum cost reserved from the key's budget (429
 * `budget_exceeded`; 403 `model_unpriced` for a model without price nor `unpricedUsd`). A store
 * or catalogue that cannot be reached refuses (503): never "unlimited".
 */
export async function admitGeneration(
  request: Request,
  generation: { wire: ImageApi; body: Record<string, unknown>; modelIds: readonly string[] },
  context: HandlerContext,
): Promise<Admission | { refusal: Response }> {
  const limits = context.spendAndRate;
  if (!limits) return NONE;
  const { rate, spend, store } = limits;
  if (rate) {
    const key = await limitKeyOf(rate.key, request);
    if (key === undefined) return { refusal: keyMissing('limits.rate') };
    let hit: Awaited<ReturnType<typeof store.hit>>;
    try {
      hit = await store.hit(key, { requests: rate.requests, windowMs: rate.windowMs });
    } catch {
      return { refusal: storeDown() };
    }
    if (!hit.ok) {
      return {
        refusal: refuse(
          429,
          'rate_limited',
          `Too many generations: at most ${rate.requests} per ${rate.windowMs} ms`,
          { headers: retryAfter(hit.retryAfterMs), metadata: { retry_after_ms: hit.retryAfterMs } },
        ),
      };
    }
  }
  if (!spend) return NONE;
  const key = await limitKeyOf(spend.key, request);
  if (key === undefined) return { refusal: keyMissing('limits.spend') };
  const usd = spend.usd === 0 ? 0 : await maximumCost(generation, spend, context);
  if (typeof usd !== 'number') return { refusal: usd };
  let reserved: Awaited<ReturnType<typeof store.reserve>>;
  try {
    reserved = await store.reserve(key, {
      usd,
      budgetUsd: spend.usd,
      windowMs: spend.windowMs,
      holdMs: spend.holdMs,
    });
  } catch {
    return { refusal: storeDown() };
  }
  if (!reserved.ok) {
    return {
      refusal: refuse(
        429,
        'budget_exceeded',
        `This generation (up to $${usd}) would pass the budget: $${reserved.remainingUsd} of $${spend.usd} left`,
        {
          headers: retryAfter(reserved.retryAfterMs),
          metadata: { remaining_usd: reserved.remainingUsd, retry_after_ms: reserved.retryAfterMs },
        },
      ),
    };
  }
  const { id } = reserved;
  return {
    spend: new SpendTicket({
      reservedUsd: usd,
      model: generation.modelIds[0] ?? 'the model',
      settle: (actual) => store.settle(key, id, actual),
      warn: context.warn,
    }),
    headers: { [BUDGET_REMAINING_HEADER]: String(reserved.remainingUsd) },
  };
}

/**
 * The most the generation can cost: the highest price over every model it may be routed to
 * (OpenRouter's fallback `models`), `unpricedUsd` per image for one without a price.
 */
async function maximumCost(
  {
    wire,
    body,
    modelIds,
  }: { wire: ImageApi; body: Record<string, unknown>; modelIds: readonly string[] },
  spend: HandlerSpend,
  context: HandlerContext,
): Promise<number | Response> {
  const variables = costedVariablesOf(wire, body);
  let most = 0;
  for (const id of new Set(modelIds)) {
    let cost: number | undefined;
    try {
      // The one price an app shows before Generate too (`estimateMaxCost`).
      cost = estimateMaxCost(await context.prices.find(wire, id), variables, spend);
    } catch (error) {
      if (!(error instanceof PricesUnavailable)) throw error;
      return refuse(
        503,
        'prices_unavailable',
        'The model prices cannot be read now; try again shortly',
        {
          headers: { 'retry-after': '5' },
        },
      );
    }
    if (cost === undefined) {
      return refuse(
        403,
        'model_unpriced',
        `The model ${JSON.stringify(id)} has no price in the catalogue, and this server counts spending`,
      );
    }
    most = Math.max(most, cost);
  }
  return most;
}
