import { apiKeyFromEnvironment } from '../request/api-key-from-environment';
import { getDialect } from '../request/dialect';
import { trimTrailingSlash } from '../request/trim-trailing-slash';
import { findRoute, type RouteMatch, type RouteParamMismatch } from '../routes/match-route';
import { ROUTES, type RouteDefinition, type RouteName } from '../routes/route-table';
import { checkHandlerOptions } from './check-handler-options';
import { checkQuery } from './check-query';
import { modelPrices } from './limits/model-prices';
import type { LunosImageHandlerOptions } from './lunos-image-handler-options';
import { modelMatcher } from './model-matcher';
import { originPolicy } from './origin-policy';
import { refuse } from './refuse';
import type { HandlerContext, RouteServer } from './route-server';
import { serveEndpoints } from './routes/serve-endpoints';
import { serveGeneration } from './routes/serve-generation';
import { serveJob } from './routes/serve-job';
import { serveJobImage } from './routes/serve-job-image';
import { serveJobStop } from './routes/serve-job-stop';
import { serveModelList } from './routes/serve-model-list';
import { handlerTelemetry } from './telemetry/handler-telemetry';
import { upstreamRelay } from './upstream-relay';
import { withHeaders } from './with-headers';

/** A Web-standard route handler: Next.js route files, Hono, Remix, Bun, Deno, edge runtimes. */
export type LunosImageHandler = (request: Request) => Promise<Response>;

/**
 * Who answers each route of the table (`routes/route-table.ts`): a route added there fails to
 * type-check until it has one here.
 */
const SERVERS: Record<RouteName, RouteServer> = {
  chat: serveGeneration,
  images: serveGeneration,
  models: serveModelList,
  'image-models': serveModelList,
  'image-endpoints': serveEndpoints,
  job: serveJob,
  'job-stop': serveJobStop,
  'job-image': serveJobImage,
};

/**
 * The app's own endpoint for the browser client: it serves the routes of the route table, checks
 * every request (the origin policy, your `authorize`, core's schemas, the limits, the model
 * allow-list) before anything goes upstream, adds the key there, and relays the answer as it
 * arrives (`upstreamRelay`). The browser's credentials and headers never go upstream; the key
 * never comes back.
 */
export function createLunosImageHandler(options: LunosImageHandlerOptions = {}): LunosImageHandler {
  const { limits, heartbeatMs, jobs, spendAndRate, sharing } = checkHandlerOptions(options);
  const dialect = getDialect(options.dialect);
  const apiKey = options.apiKey ?? apiKeyFromEnvironment(dialect);
  const basePath = options.basePath === undefined ? undefined : trimTrailingSlash(options.basePath);
  const origins = originPolicy(options.allowOrigins);
  const relay = upstreamRelay({
    baseURL: trimTrailingSlash(options.baseURL ?? dialect.defaultBaseURL),
    apiKey,
    attribution: dialect.headers(options),
    fetch: options.fetch ?? globalThis.fetch,
    heartbeatMs,
  });
  const context: HandlerContext = {
    limits,
    isAllowed: modelMatcher(options.allowModels),
    filtersModels: options.allowModels !== undefined,
    relay,
    jobs,
    heartbeatMs,
    spendAndRate,
    sharing,
    prices: modelPrices(relay, dialect.name),
    warn: options.onWarning ?? ((message) => console.warn(`[lunos-image] ${message}`)),
    telemetry: handlerTelemetry(options.telemetry, dialect.name),
  };

  /** A request from an allowed origin to a path of the table: its answer, CORS headers aside. */
  async function serve(request: Request, url: URL, found: RouteMatch | RouteParamMismatch) {
    const name = found.names.find((n) => ROUTES[n].method === request.method);
    if (name === undefined) {
      // Every method of the path: one path can take several (a job's GET and DELETE).
      const methods = [...new Set(found.names.map((n) => ROUTES[n].method))];
      return (
        origins.preflight(request, methods) ??
        refuse(
          405,
          'method_not_allowed',
          `${found.path} takes ${methods.join(' or ')}, not ${request.method}`,
          { headers: { allow: methods.join(', ') } },
        )
      );
    }
    if (options.authorize) {
      const verdict = await options.authorize(request);
      // A copy: the app's response may be shared or immutable, and CORS headers go on it.
      if (verdict instanceof Response) return new Response(verdict.body, verdict);
      if (verdict === false) return refuse(401, 'unauthorized', 'Not authorized');
    }
    if (!apiKey) {
      return refuse(
        500,
        'missing_api_key',
        `The server has no API key: set ${dialect.apiKeyVariable} in its environment or pass apiKey`,
      );
    }
    if ('badParam' in found) {
      return refuse(
        400,
        'invalid_request',
        `The path's {${found.badParam}} is not one path segment (empty, a dot segment, an encoded slash or a bad encoding)`,
      );
    }
    const route: RouteDefinition = ROUTES[name];
    const query = route.query ? checkQuery(url, route.query) : { search: '' };
    if ('refusal' in query) return query.refusal;
    const path = url.pathname.replace(/\/+$/, '');
    const prefix = path.slice(0, path.length - found.path.length);
    return SERVERS[name](
      request,
      { name, params: found.params, search: query.search, prefix },
      context,
    );
  }

  return async function lunosImageHandler(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const found = findRoute(url.pathname, basePath);
    // The job routes exist only with jobs: without, the handler is a relay and nothing else.
    if (!found || (!jobs && found.names.every((n) => ROUTES[n].servedBy === 'handler'))) {
      return refuse(404, 'not_found', `No route ${request.method} ${url.pathname} here`);
    }
    if (origins.isForeign(request)) {
      return refuse(403, 'origin_not_allowed', 'Calls from this origin are not allowed');
    }
    // CORS in one place: every answer to an allowed origin carries it.
    return withHeaders(await serve(request, url, found), origins.corsHeaders(request));
  };
}
