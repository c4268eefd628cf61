import type { RouteName } from '../routes/route-table';
import type { HandlerJobs } from './jobs/check-jobs-options';
import type { HandlerSharing } from './jobs/check-sharing-options';
import type { HandlerLimits } from './limits/check-limits-options';
import type { ModelPrices } from './limits/model-prices';
import type { LunosImageHandlerLimits } from './lunos-image-handler-options';
import type { HandlerTelemetry } from './telemetry/trace-generation';
import type { UpstreamRelay } from './upstream-relay';

/** What every route of one handler shares, made once from its options. */
export interface HandlerContext {
  readonly limits: LunosImageHandlerLimits;
  readonly isAllowed: (id: string) => boolean;
  /** `allowModels` is set: listings are read whole and filtered. */
  readonly filtersModels: boolean;
  readonly relay: UpstreamRelay;
  /** The `jobs` option, checked; undefined without jobs (the job routes are then 404). */
  readonly jobs: HandlerJobs | undefined;
  /** 0: no heartbeats. */
  readonly heartbeatMs: number;
  /** `limits.spend` and `limits.rate`, checked; undefined with neither. */
  readonly spendAndRate: HandlerLimits | undefined;
  /** `dedupe` and `cache`, checked (they imply `jobs`); undefined with neither. */
  readonly sharing: HandlerSharing | undefined;
  /** The upstream catalogue's prices, fetched with the handler's key (for `limits.spend`). */
  readonly prices: ModelPrices;
  /** `onWarning`: never given a key. */
  readonly warn: (message: string) => void;
  /** Spans of generations; undefined with `telemetry: false`. */
  readonly telemetry: HandlerTelemetry | undefined;
}

/** One request matched to a route of the table, its method, origin and query already checked. */
export interface RouteCall {
  readonly name: RouteName;
  /** The decoded `{name}` segments of its path. */
  readonly params: Readonly<Record<string, string>>;
  /** `?…` to pass on (only the route's `query` parameters), or `''`. */
  readonly search: string;
  /** The request's path before the route's own (`/api/lunos`): where the browser mounted us. */
  readonly prefix: string;
}

/** How the handler answers one route; CORS headers are added by the caller. */
export type RouteServer = (
  request: Request,
  call: RouteCall,
  context: HandlerContext,
) => Promise<Response>;
