import { ValidationError } from '../../errors/validation-error';
import type { HandlerJobs } from '../jobs/check-jobs-options';
import type {
  LimitKey,
  LunosImageHandlerLimitOptions,
  RateLimitOptions,
  SpendLimitOptions,
} from '../lunos-image-handler-options';
import type { LimitStore } from './limit-store';
import { memoryLimitStore } from './memory-limit-store';

/** The longest window: a year (a monthly budget fits; Redis keys expire long before overflow). */
const MAX_WINDOW_MS = 366 * 86_400_000;
/**
 * A reservation holds this long past the longest a generation may run (a job's `maxRunMs`, else
 * the default's 15 minutes): settled long before, unless its instance or its store was lost.
 */
const HOLD_MARGIN_MS = 60_000;
const DEFAULT_RUN_MS = 900_000;

const STORE_METHODS = [
  'reserve',
  'settle',
  'spent',
  'hit',
] as const satisfies readonly (keyof LimitStore)[];

export interface HandlerSpend {
  readonly key: LimitKey;
  readonly usd: number;
  readonly windowMs: number;
  readonly unpricedUsd: number | undefined;
  readonly holdMs: number;
}

export interface HandlerRate {
  readonly key: LimitKey;
  readonly requests: number;
  readonly windowMs: number;
}

/** `limits.spend` and `limits.rate`, checked, with the store they are counted in. */
export interface HandlerLimits {
  readonly spend: HandlerSpend | undefined;
  readonly rate: HandlerRate | undefined;
  readonly store: LimitStore;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('handler options', [
    { path: `limits.${path}`, code: 'invalid_value', message },
  ]);
}

function objectAt(path: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw invalid(path, 'must be an object');
  return value as Record<string, unknown>;
}

function keyAt(path: string, value: unknown): LimitKey {
  if (typeof value !== 'function') {
    throw invalid(`${path}.key`, `must be a function of the request (got ${typeof value})`);
  }
  return value as LimitKey;
}

function windowAt(path: string, value: unknown): number {
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 1 ||
    value > MAX_WINDOW_MS
  ) {
    throw invalid(
      `${path}.windowMs`,
      `must be a whole number of milliseconds from 1 to ${MAX_WINDOW_MS} (got ${String(value)})`,
    );
  }
  return value;
}

function usdAt(path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid(path, `must be a finite number of USD >= 0 (got ${String(value)})`);
  }
  return value;
}

function isLimitStore(value: unknown): value is LimitStore {
  return (
    typeof value === 'object' &&
    value !== null &&
    STORE_METHODS.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  );
}

/**
 * A `ValidationError` naming the first `limits.spend`, `limits.rate` or `limits.store` option
 * that cannot work; undefined with neither spend nor rate.
 */
export function checkLimitsOptions(
  { spend, rate, store }: Pick<LunosImageHandlerLimitOptions, 'spend' | 'rate' | 'store'>,
  jobs: HandlerJobs | undefined,
): HandlerLimits | undefined {
  if (store !== undefined && !isLimitStore(store)) {
    const missing = STORE_METHODS.filter(
      (name) => typeof (store as unknown as Record<string, unknown>)?.[name] !== 'function',
    );
    throw invalid('store', `must be a LimitStore (missing ${missing.join(', ')})`);
  }
  if (spend === undefined && rate === undefined) return undefined;
  return {
    spend: spend === undefined ? undefined : checkSpend(spend, jobs),
    rate: rate === undefined ? undefined : checkRate(rate),
    store: store ?? (isLimitStore(jobs?.store) ? jobs.store : memoryLimitStore()),
  };
}

function checkSpend(spend: SpendLimitOptions, jobs: HandlerJobs | undefined): HandlerSpend {
  const o = objectAt('spend', spend);
  return {
    key: keyAt('spend', o.key),
    usd: usdAt('spend.usd', o.usd),
    windowMs: windowAt('spend', o.windowMs),
    unpricedUsd:
      o.unpricedUsd === undefined ? undefined : usdAt('spend.unpricedUsd', o.unpricedUsd),
    holdMs: (jobs?.maxRunMs ?? DEFAULT_RUN_MS) + HOLD_MARGIN_MS,
  };
}

function checkRate(rate: RateLimitOptions): HandlerRate {
  const o = objectAt('rate', rate);
  const requests = o.requests;
  if (typeof requests !== 'number' || !Number.isSafeInteger(requests) || requests < 1) {
    throw invalid('rate.requests', `must be a whole number >= 1 (got ${String(requests)})`);
  }
  return { key: keyAt('rate', o.key), requests, windowMs: windowAt('rate', o.windowMs) };
}
