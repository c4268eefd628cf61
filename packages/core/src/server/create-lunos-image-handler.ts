import { ValidationError } from '../errors/validation-error';
import { imageEndpointsPath } from '../models/image-endpoints-path';
import { apiKeyFromEnvironment } from '../request/api-key-from-environment';
import { getDialect } from '../request/dialect';
import { trimTrailingSlash } from '../request/trim-trailing-slash';
import { filterModelList } from './filter-model-list';
import {
  DEFAULT_HANDLER_LIMITS,
  type LunosImageHandlerLimits,
  type LunosImageHandlerOptions,
} from './lunos-image-handler-options';
import { modelMatcher } from './model-matcher';
import { readLimitedBody } from './read-limited-body';
import { refuse } from './refuse';
import { relayBody } from './relay-body';
import { relayUpstreamError } from './relay-upstream-error';
import { validateChatBody } from './validate-chat-body';
import { validateImagesBody } from './validate-images-body';

/** A Web-standard route handler: Next.js route files, Hono, Remix, Bun, Deno, edge runtimes. */
export type LunosImageHandler = (request: Request) => Promise<Response>;

/** The routes the client calls, and the method each takes. */
const ROUTES = {
  chat: 'POST',
  images: 'POST',
  models: 'GET',
  'image-models': 'GET',
  'image-endpoints': 'GET',
} as const;
type Route = keyof typeof ROUTES;

/** Fixed paths, longest first: `…/images/models` is not `…/models`, `…/images` not either. */
const FIXED_PATHS: ReadonlyArray<readonly [string, Route]> = [
  ['/chat/completions', 'chat'],
  ['/images/models', 'image-models'],
  ['/images', 'images'],
  ['/models', 'models'],
];
/** `GET /images/models/{author}/{slug}/endpoints`: one model's providers, parameters and prices. */
const ENDPOINTS_PATH = /\/images\/models\/([^/]+)\/([^/]+)\/endpoints$/;

/** Which wire each generation route speaks, and its body check. */
const GENERATION_ROUTES = {
  chat: { path: '/chat/completions', validate: validateChatBody },
  images: { path: '/images', validate: validateImagesBody },
} as const;

/** Query parameters of `GET /models` in either dialect; anything else is refused, not passed on. */
const MODELS_QUERY = new Set([
  'input',
  'output',
  'input_modalities',
  'output_modalities',
  'supported_parameters',
  'category',
]);

/** Upstream headers a browser may see; everything else (cookies, server details) stays behind. */
const RELAYED_HEADERS = [
  'content-type',
  'retry-after',
  'retry-after-ms',
  'x-generation-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

const NO_QUERY: ReadonlySet<string> = new Set();

const MAX_MODEL_LIST_BYTES = 16 * 1024 * 1024;
function invalidOption(path: string, message: string): ValidationError {
  return new ValidationError('handler options', [{ path, code: 'invalid_value', message }]);
}

function checkOptions(options: LunosImageHandlerOptions): LunosImageHandlerLimits {
  if (
    options.apiKey !== undefined &&
    (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
  ) {
    throw invalidOption(
      'apiKey',
      'must be a non-empty string (or left out to read the environment)',
    );
  }
  const limits = { ...DEFAULT_HANDLER_LIMITS, ...options.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw invalidOption(`limits.${name}`, `must be a whole number >= 0 (got ${String(value)})`);
    }
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
  return limits;
}

/**
 * The app's own endpoint for the browser client: it serves the routes the client calls, checks
 * every request (your `authorize`, core's schemas, the limits, the model allow-list) before
 * anything goes upstream, adds the key there, and streams the answer back as it arrives. The
 * browser's credentials and headers never go upstream; the key never comes back.
 */
export function createLunosImageHandler(options: LunosImageHandlerOptions = {}): LunosImageHandler {
  const limits = checkOptions(options);
  const dialect = getDialect(options.dialect);
  const apiKey = options.apiKey ?? apiKeyFromEnvironment(dialect);
  const baseURL = trimTrailingSlash(options.baseURL ?? dialect.defaultBaseURL);
  const basePath = options.basePath === undefined ? undefined : trimTrailingSlash(options.basePath);
  const isAllowed = modelMatcher(options.allowModels);
  const allowOrigins = new Set(options.allowOrigins ?? []);
  const upstreamFetch = options.fetch ?? globalThis.fetch;
  const attribution = dialect.headers(options);

  /** The route a path names: exactly below `basePath` when set, else by how the path ends. */
  function routeOf(pathname: string): { route: Route; rest: string } | undefined {
    let rest = trimTrailingSlash(pathname);
    const exact = basePath !== undefined;
    if (exact) {
      if (!rest.startsWith(`${basePath}/`)) return undefined;
      rest = rest.slice(basePath.length);
    }
    const endpoints = ENDPOINTS_PATH.exec(rest);
    if (endpoints && (!exact || endpoints.index === 0)) {
      return { route: 'image-endpoints', rest: endpoints[0] };
    }
    for (const [path, route] of FIXED_PATHS) {
      if (exact ? rest === path : rest.endsWith(path)) return { route, rest: path };
    }
    return undefined;
  }

  /** CORS headers for an allowed foreign origin; none for same-origin calls. */
  function corsOf(request: Request): Record<string, string> {
    const origin = request.headers.get('origin');
    if (!origin || !allowOrigins.has(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'retry-after, retry-after-ms, x-generation-id',
      vary: 'origin',
    };
  }

  /** A call from a page of another site is refused unless `allowOrigins` names it. */
  function isForeign(request: Request): boolean {
    const origin = request.headers.get('origin');
    if (origin === null || allowOrigins.has(origin)) return false;
    try {
      // The host, not the scheme: behind a TLS-terminating proxy the app sees http://.
      return !hostsAddressed(request, new URL(origin).protocol).includes(new URL(origin).host);
    } catch {
      return true; // `Origin: null` (sandboxed frames, file://) is foreign too
    }
  }

  function upstreamHeaders(accept: string): Record<string, string> {
    return {
      accept,
      ...attribution,
      authorization: `Bearer ${apiKey}`,
    };
  }

  function relayedHeaders(upstream: Response, cors: Record<string, string>) {
    const headers: Record<string, string> = { ...cors, 'cache-control': 'no-store' };
    for (const name of RELAYED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null && (!apiKey || !value.includes(apiKey))) headers[name] = value;
    }
    return headers;
  }

  /** Sends to the upstream with an abort of our own, fired when the browser leaves. */
  async function send(
    request: Request,
    url: string,
    init: RequestInit,
    cors: Record<string, string>,
    relay: (upstream: Response, abort: AbortController, done: () => void) => Promise<Response>,
  ): Promise<Response> {
    const abort = new AbortController();
    const onAbort = () => abort.abort(request.signal.reason);
    const done = () => request.signal.removeEventListener('abort', onAbort);
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
    let upstream: Response;
    try {
      upstream = await upstreamFetch(url, { ...init, signal: abort.signal });
    } catch {
      done();
      // The error itself is not relayed: a transport error can name hosts and headers.
      if (abort.signal.aborted) {
        return refuse(499, 'client_closed_request', 'The request was aborted', { headers: cors });
      }
      return refuse(502, 'upstream_unreachable', 'The provider could not be reached', {
        headers: cors,
      });
    }
    if (!upstream.ok) {
      done();
      return relayUpstreamError(upstream, apiKey ?? '', relayedHeaders(upstream, cors));
    }
    return relay(upstream, abort, done);
  }

  /** A success streamed through untouched; the browser leaving aborts the upstream request. */
  const passThrough = async (
    upstream: Response,
    abort: AbortController,
    done: () => void,
    cors: Record<string, string>,
  ) => {
    const headers = relayedHeaders(upstream, cors);
    // Reverse proxies (nginx and friends) buffer unless told not to; an SSE answer must not wait.
    if (headers['content-type']?.includes('text/event-stream')) headers['x-accel-buffering'] = 'no';
    if (!upstream.body) {
      done();
      return new Response(null, { status: upstream.status, headers });
    }
    const body = relayBody(upstream.body, (reason) => abort.abort(reason), done);
    return new Response(body, { status: upstream.status, headers });
  };

  async function generate(
    request: Request,
    cors: Record<string, string>,
    route: keyof typeof GENERATION_ROUTES,
  ): Promise<Response> {
    const type = request.headers.get('content-type') ?? '';
    // Requiring JSON also forces a CORS preflight on cross-site form posts (no CSRF by text/plain).
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      return refuse(
        415,
        'unsupported_media_type',
        'The body must be JSON (content-type: application/json)',
        {
          headers: cors,
        },
      );
    }
    const tooLarge = () =>
      refuse(
        413,
        'payload_too_large',
        `The request body is larger than this server takes (${limits.maxRequestBytes} bytes)`,
        { headers: cors },
      );
    const declared = Number(request.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.maxRequestBytes) return tooLarge();
    let body: Awaited<ReturnType<typeof readLimitedBody>>;
    try {
      body = await readLimitedBody(request.body, limits.maxRequestBytes);
    } catch {
      return refuse(400, 'invalid_request', 'The request body could not be read', {
        headers: cors,
      });
    }
    if ('tooLarge' in body) return tooLarge();
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes));
    } catch {
      return refuse(400, 'invalid_json', 'The request body is not valid JSON', { headers: cors });
    }
    const { path, validate } = GENERATION_ROUTES[route];
    const checked = validate(json, limits, isAllowed);
    if ('refusal' in checked) return withHeaders(checked.refusal, cors);
    // What was checked is what is sent: written anew, so a duplicate key or odd encoding that an
    // upstream parser might read differently from ours cannot slip past the checks.
    return send(
      request,
      `${baseURL}${path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...upstreamHeaders(checked.request.stream ? 'text/event-stream' : 'application/json'),
        },
        body: JSON.stringify(checked.request),
      },
      cors,
      (upstream, abort, done) => passThrough(upstream, abort, done, cors),
    );
  }

  /**
   * A model listing (`/models`, `/images/models`), filtered by the allow-list. Only the query
   * parameters `known` are passed on.
   */
  async function models(
    request: Request,
    cors: Record<string, string>,
    path: string,
    known: ReadonlySet<string>,
  ): Promise<Response> {
    const query = new URL(request.url).searchParams;
    for (const [name, value] of query) {
      if (!known.has(name)) {
        return refuse(
          400,
          'invalid_request',
          `Unknown query parameter ${JSON.stringify(name)} (known: ${[...known].join(', ') || 'none'})`,
          { headers: cors },
        );
      }
      if (!/^[\w,.:-]{0,200}$/.test(value)) {
        return refuse(400, 'invalid_request', `The query parameter ${name} has an invalid value`, {
          headers: cors,
        });
      }
    }
    const search = query.size > 0 ? `?${query}` : '';
    return send(
      request,
      `${baseURL}${path}${search}`,
      { method: 'GET', headers: upstreamHeaders('application/json') },
      cors,
      async (upstream, abort, done) => {
        if (options.allowModels === undefined) return passThrough(upstream, abort, done, cors);
        // Filtering needs the whole list: read it, bounded, and answer only what is allowed.
        try {
          const body = await readLimitedBody(upstream.body, MAX_MODEL_LIST_BYTES);
          const filtered =
            'bytes' in body
              ? filterModelList(JSON.parse(new TextDecoder().decode(body.bytes)), isAllowed)
              : undefined;
          if (filtered === undefined) throw new Error('unreadable model list');
          return new Response(JSON.stringify(filtered), {
            status: upstream.status,
            headers: { ...relayedHeaders(upstream, cors), 'content-type': 'application/json' },
          });
        } catch {
          abort.abort();
          return refuse(
            502,
            'invalid_upstream_answer',
            'The provider sent a model list this server cannot read',
            {
              headers: cors,
            },
          );
        } finally {
          done();
        }
      },
    );
  }

  /** One model's endpoints listing, for an allowed model only; its id comes from the path. */
  async function endpoints(
    request: Request,
    cors: Record<string, string>,
    rest: string,
  ): Promise<Response> {
    let id: string;
    let path: string;
    try {
      const [, author = '', slug = ''] = ENDPOINTS_PATH.exec(rest) ?? [];
      id = `${decodeURIComponent(author)}/${decodeURIComponent(slug)}`;
      path = imageEndpointsPath(id);
    } catch {
      return refuse(400, 'invalid_request', 'The model id in the path is not author/slug', {
        headers: cors,
      });
    }
    if (!isAllowed(id)) {
      return refuse(
        403,
        'model_not_allowed',
        `The model ${JSON.stringify(id)} is not allowed here`,
        {
          headers: cors,
        },
      );
    }
    return send(
      request,
      `${baseURL}${path}`,
      { method: 'GET', headers: upstreamHeaders('application/json') },
      cors,
      (upstream, abort, done) => passThrough(upstream, abort, done, cors),
    );
  }

  return async function lunosImageHandler(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const found = routeOf(url.pathname);
    if (!found) {
      return refuse(404, 'not_found', `No route ${request.method} ${url.pathname} here`);
    }
    const { route, rest } = found;
    const method = ROUTES[route];
    if (isForeign(request)) {
      return refuse(403, 'origin_not_allowed', 'Calls from this origin are not allowed');
    }
    const cors = corsOf(request);
    if (request.method === 'OPTIONS' && cors['access-control-allow-origin']) {
      const asked = request.headers.get('access-control-request-headers') ?? '';
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': method,
          'access-control-allow-headers': asked.slice(0, 1000) || 'content-type',
          'access-control-max-age': '600',
        },
      });
    }
    if (request.method !== method) {
      return refuse(405, 'method_not_allowed', `${rest} takes ${method}, not ${request.method}`, {
        headers: { ...cors, allow: method },
      });
    }
    if (options.authorize) {
      const verdict = await options.authorize(request);
      if (verdict instanceof Response) return withHeaders(verdict, cors);
      if (verdict === false) {
        return refuse(401, 'unauthorized', 'Not authorized', { headers: cors });
      }
    }
    if (!apiKey) {
      return refuse(
        500,
        'missing_api_key',
        `The server has no API key: set ${dialect.apiKeyVariable} in its environment or pass apiKey`,
        { headers: cors },
      );
    }
    switch (route) {
      case 'chat':
      case 'images':
        return generate(request, cors, route);
      case 'models':
        return models(request, cors, '/models', MODELS_QUERY);
      case 'image-models':
        return models(request, cors, '/images/models', NO_QUERY);
      case 'image-endpoints':
        return endpoints(request, cors, rest);
    }
  };
}

/**
 * The hosts a request was sent to: its URL's, its `Host` header's and the first
 * `X-Forwarded-Host` (a proxy's public name). The URL alone is not enough: Next.js's `next start`
 * hands route handlers `http://localhost:<port>/…` whatever host the browser asked for. A page of
 * another site cannot set these headers without a preflight, which this handler refuses.
 * Read with the origin's scheme, so a default port (`:443`) compares equal to none.
 */
function hostsAddressed(request: Request, protocol: string): string[] {
  const hosts = [new URL(request.url).host];
  const named = [
    request.headers.get('host'),
    request.headers.get('x-forwarded-host')?.split(',')[0]?.trim(),
  ];
  for (const host of named) {
    if (!host) continue;
    try {
      hosts.push(new URL(`${protocol}//${host}`).host);
    } catch {
      // not a host: it names nothing this request could be same-origin with
    }
  }
  return hosts;
}

/** The same response with `extra` headers added (a Response's own headers may be immutable). */
function withHeaders(response: Response, extra: Record<string, string>): Response {
  if (Object.keys(extra).length === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
