import { MAX_TIMEOUT_MS } from '../client/timeouts';
import { ValidationError } from '../errors/validation-error';
import { checkJobsOptions, type HandlerJobs } from './jobs/check-jobs-options';
import { checkSharingOptions, type HandlerSharing } from './jobs/check-sharing-options';
import { checkLimitsOptions, type HandlerLimits } from './limits/check-limits-options';
import {
  DEFAULT_HANDLER_LIMITS,
  type LunosImageHandlerLimits,
  type LunosImageHandlerOptions,
} from './lunos-image-handler-options';

const DEFAULT_HEARTBEAT_MS = 5000;

/** The options that need more than a type: checked once, when the handler is made. */
export interface CheckedHandlerOptions {
  limits: LunosImageHandlerLimits;
  /** 0: no heartbeats. */
  heartbeatMs: number;
  /** Undefined without `jobs`. */
  jobs: HandlerJobs | undefined;
  /** Undefined without `limits.spend` and `limits.rate`. */
  spendAndRate: HandlerLimits | undefined;
  /** Undefined without `dedupe` and `cache`. */
  sharing: HandlerSharing | undefined;
}

function invalidOption(path: string, message: string): ValidationError {
  return new ValidationError('handler options', [{ path, code: 'invalid_value', message }]);
}

/** A `ValidationError` naming the first option that cannot work, before any request is served. */
export function checkHandlerOptions(options: LunosImageHandlerOptions): CheckedHandlerOptions {
  if (
    options.apiKey !== undefined &&
    (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
  ) {
    throw invalidOption(
      'apiKey',
      'must be a non-empty string (or left out to read the environment)',
    );
  }
  const { spend, rate, store, ...sizes } = options.limits ?? {};
  const limits = { ...DEFAULT_HANDLER_LIMITS, ...sizes };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw invalidOption(`limits.${name}`, `must be a whole number >= 0 (got ${String(value)})`);
    }
  }
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  if (!Number.isSafeInteger(heartbeatMs) || heartbeatMs < 0 || heartbeatMs > MAX_TIMEOUT_MS) {
    throw invalidOption(
      'heartbeatMs',
      `must be a whole number of milliseconds from 0 (no heartbeats) to ${MAX_TIMEOUT_MS} (got ${String(heartbeatMs)})`,
    );
  }
  for (const [i, origin] of (options.allowOrigins ?? []).entries()) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) {
      throw invalidOption(
        `allowOrigins[${i}]`,
        `must be an origin like https://app.example, without path or trailing slash (got ${JSON.stringify(origin)})`,
      );
    }
  }
  if (options.baseURL !== undefined && !URL.canParse(options.baseURL)) {
    throw invalidOption(
      'baseURL',
      `must be an absolute URL (got ${JSON.stringify(options.baseURL)})`,
    );
  }
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') {
    throw invalidOption('onWarning', `must be a function (got ${typeof options.onWarning})`);
  }
  const jobs = checkJobsOptions(options.jobs, heartbeatMs);
  const spendAndRate = checkLimitsOptions({ spend, rate, store }, jobs);
  const sharing = checkSharingOptions(options, jobs);
  return { limits, heartbeatMs, jobs, spendAndRate, sharing };
}
