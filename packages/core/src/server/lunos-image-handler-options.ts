import type { DialectHeaderOptions, DialectName } from '../request/dialect';
import type { HandlerTelemetryOptions } from '../telemetry/telemetry-tracer';
import type { JobStore } from './jobs/job-store';
import type { LimitStore } from './limits/limit-store';
import type { ModelAllowList } from './model-matcher';

export interface LunosImageHandlerLimits {
  /** Largest request body, counted while reading (not trusted from `content-length`). Default 20 MiB. */
  maxRequestBytes: number;
  /** Characters of text over all messages. Default 32 000. */
  maxPromptChars: number;
  /** Reference images (`image_url` parts) over all messages. Default 16. */
  maxReferenceImages: number;
}

/**
 * Who a request counts for (a user id from the session, an IP address): a string, or a promise of
 * one. A throw, an empty string or anything else refuses the request (401 `limit_key_missing`),
 * never "unlimited".
 */
export type LimitKey = (request: Request) => string | undefined | Promise<string | undefined>;

/** `limits.spend`: what each key may spend over a sliding window, in USD. */
export interface SpendLimitOptions {
  key: LimitKey;
  /** The budget per key over `windowMs`; 0 refuses every generation. */
  usd: number;
  /** The window the budget counts over, ending at each request (86 400 000: the last 24 hours). */
  windowMs: number;
  /**
   * What one image of a model without a price in the catalogue is reserved at. Without it such a
   * model is refused (403 `model_unpriced`) while `spend` is on.
   */
  unpricedUsd?: number | undefined;
}

/** `limits.rate`: how many generations each key may start over a sliding window. */
export interface RateLimitOptions {
  key: LimitKey;
  requests: number;
  windowMs: number;
}

/** The `limits` option: today's size limits, and spending and rate limits per key. */
export interface LunosImageHandlerLimitOptions extends Partial<LunosImageHandlerLimits> {
  /** A budget in USD per key: each generation reserves its estimated maximum cost first. */
  spend?: SpendLimitOptions | undefined;
  /** Generations per key per window, as a sliding-window log. */
  rate?: RateLimitOptions | undefined;
  /**
   * Where spend and rate are counted: `redisLimitStore` of `@lunos-image/redis` across
   * instances. Default: the job store when it is also a `LimitStore`, else `memoryLimitStore()`.
   */
  store?: LimitStore | undefined;
}

/** How a job stream delivers images: each as the URL of its `job-image` route, or as base64 inline. */
export type JobImageDelivery = 'url' | 'inline';

/**
 * Generations as jobs (`jobs` of `createLunosImageHandler`): each runs to its end in the
 * handler whoever is listening, kept in `store`, resumable from `GET …/jobs/{id}`.
 */
export interface LunosImageJobsOptions {
  /** Where jobs live: `memoryJobStore()` (one process), `redisJobStore` of `@lunos-image/redis`. */
  store: JobStore;
  /** How long a job's events and images are kept, from its start. Default 3 600 000 (1 hour). */
  ttlMs?: number | undefined;
  /** The job's time limit: past it the upstream is aborted and the job ends `expired`. Default 900 000 (15 minutes). */
  maxRunMs?: number | undefined;
  /**
   * Who is asking (a user id from the session): a job is then read, stopped and its images
   * fetched only by requests with the same owner as the one that started it; others get 404.
   * Only its SHA-256 is stored. Undefined (or not set): the job id alone is the capability.
   */
  owner?: ((request: Request) => string | undefined | Promise<string | undefined>) | undefined;
  /** `url` (default): images as URLs of `GET …/jobs/{id}/images/{n}`; `inline`: base64 as the upstream sent it. */
  imageDelivery?: JobImageDelivery | undefined;
  /**
   * Runtimes that freeze a function once its response is sent (Cloudflare Workers' `ctx.waitUntil`,
   * Vercel's `waitUntil` from `@vercel/functions`) get each job's run here, to keep it alive.
   */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}

/** `cache` of `createLunosImageHandler`: finished generations answered again from their jobs. */
export interface GenerationCacheOptions {
  /**
   * How long a finished job answers identical requests (with a `seed`) from its start; at most
   * the job's own `jobs.ttlMs` (the job's events and images are what is answered).
   */
  ttlMs: number;
}

/** What `authorize` answers: a `Response` (sent as is) or `false` (401) refuses; anything else allows. */
export type AuthorizeResult = Response | boolean | undefined;

export interface LunosImageHandlerOptions extends DialectHeaderOptions {
  /** Default: `LUNOS_API_KEY` (dialect `lunos`) or `OPENROUTER_API_KEY` (`openrouter`) from the environment. */
  apiKey?: string | undefined;
  /** `lunos` (default) or `openrouter`. */
  dialect?: DialectName | undefined;
  /** The upstream; default the dialect's base URL. */
  baseURL?: string | undefined;
  /**
   * The path the handler is mounted at (`/api/lunos`): routes then match exactly below it. Without
   * it a route is recognised by how the path ends (`…/chat/completions`, `…/models`, `…/images`,
   * `…/images/models`, `…/images/models/{author}/{slug}/endpoints`).
   */
  basePath?: string | undefined;
  /** Models that may be used and listed: ids, or patterns tested against the whole id. Default: all. */
  allowModels?: ModelAllowList | undefined;
  /** Your app's own check (session, rate limit), run before the body is read. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a check that returns nothing allows
  authorize?: (request: Request) => AuthorizeResult | void | Promise<AuthorizeResult | void>;
  limits?: LunosImageHandlerLimitOptions | undefined;
  /** Origins (`https://app.example`) other sites may call from, with CORS. Default: none (same origin only). */
  allowOrigins?: readonly string[] | undefined;
  /** A fetch implementation for the upstream; default `globalThis.fetch`. */
  fetch?: typeof fetch | undefined;
  /**
   * While the upstream is silent on a streamed (SSE) answer, an SSE comment (`: keep-alive`) is
   * written every this many milliseconds, at a line boundary: idle timeouts of servers and proxies
   * (Bun's 10 s) then do not cut a generation, and a runtime that notices a browser that left only
   * when it writes (workerd, edge-runtime) stops the upstream within one heartbeat. Default 5000;
   * 0 turns it off.
   */
  heartbeatMs?: number | undefined;
  /**
   * Generations as jobs that outlive the browser's connection: resumable, stoppable, their images
   * delivered as URLs. Without it the handler relays each answer and nothing is kept.
   */
  jobs?: LunosImageJobsOptions | undefined;
  /**
   * Needs `jobs`. An identical generation (the same owner, the same body, `stream` aside) asked
   * while one runs joins the running job: its stream from the start, the same `x-lunos-job-id`,
   * one upstream generation, one reservation. The owner is `jobs.owner`, else the key of
   * `limits.spend` or `limits.rate`, else none (anyone's identical request is shared).
   */
  dedupe?: boolean | undefined;
  /**
   * Needs `jobs`. An identical generation with a `seed` asked after one ended `done` is answered
   * from that job while it is kept (`x-lunos-cache: hit`, nothing reserved or billed). Without a
   * seed the same prompt asks for a new picture, so it is never answered from the cache.
   */
  cache?: GenerationCacheOptions | undefined;
  /**
   * Told what the handler noticed but did not refuse for (an answer without a usable
   * `usage.cost`, a spend that could not be settled); never a key. Default `console.warn`.
   */
  onWarning?: ((message: string) => void) | undefined;
  /**
   * OpenTelemetry spans, one per generation request sent upstream, when a tracer provider is
   * registered with `@opentelemetry/api`; `false`: none. The prompt is recorded only with
   * `recordPrompt: true`. See the core README's "Telemetry".
   */
  telemetry?: HandlerTelemetryOptions | false | undefined;
}

export const DEFAULT_HANDLER_LIMITS: LunosImageHandlerLimits = {
  maxRequestBytes: 20 * 1024 * 1024,
  maxPromptChars: 32_000,
  maxReferenceImages: 16,
};
