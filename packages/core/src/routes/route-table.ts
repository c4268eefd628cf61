import type { ImageApi } from '../models/image-model';

/**
 * Where a base64 image sits in a route's JSON: member names from the innermost container
 * outwards are matched as a suffix, `[]` standing for "an element of an array". A chat chunk's
 * `choices[0].delta.images[0].image_url.url` ends in `images [] image_url url`; the Images API's
 * `data[0].b64_json` (JSON) and a stream event's `b64_json` both end in `b64_json`.
 */
export interface ImageField {
  readonly path: readonly string[];
  /** `data:image/<type>;base64,…` (chat) rather than bare base64 (`b64_json`). */
  readonly dataUrl: boolean;
  /**
   * Where a job stream of the route handler (`imageDelivery: 'url'`) puts the image's URL
   * (`/api/lunos/jobs/<id>/images/<n>`) instead, when that is not `path`: the Images API's
   * `b64_json` member becomes `url`. Chat keeps the URL where the data URL was.
   */
  readonly urlPath?: readonly string[];
}

export type RouteMethod = 'GET' | 'POST' | 'DELETE';

/**
 * One route of the API as the client, the route handler, the mock and the recorder see it. Data
 * only: what a route needs at run time (request builders, schemas, interpreters) hangs off its
 * `wire` in `wires/generation-wires.ts`, so reading this table loads none of them.
 */
export interface RouteDefinition {
  readonly method: RouteMethod;
  /** Below the API's base URL (`/v1`); `{name}` is one path segment. */
  readonly path: string;
  /** Who answers it: the upstream API (relayed by the handler), or the route handler itself. */
  readonly servedBy: 'upstream' | 'handler';
  /** A generation route: the wire its request and answer speak. */
  readonly wire?: ImageApi;
  /** Query parameters a listing takes; any other is refused (never passed on). */
  readonly query?: readonly string[];
  /** Where its answers (JSON or SSE data lines) carry base64 images. */
  readonly imageFields?: readonly ImageField[];
}

/** `GET /models` filters of either dialect (Lunos `input`/`output`, OpenRouter the rest). */
const MODEL_LIST_QUERY = [
  'input',
  'output',
  'input_modalities',
  'output_modalities',
  'supported_parameters',
  'category',
] as const;

/**
 * Every route, defined once. The client builds its URLs from it, the route handler matches and
 * checks requests against it, the msw mock and the recorder answer and record what it lists, and
 * the SSE image scanner looks for images where `imageFields` says. A new route is one entry here.
 */
export const ROUTES = {
  chat: {
    method: 'POST',
    path: '/chat/completions',
    servedBy: 'upstream',
    wire: 'chat',
    imageFields: [{ path: ['images', '[]', 'image_url', 'url'], dataUrl: true }],
  },
  images: {
    method: 'POST',
    path: '/images',
    servedBy: 'upstream',
    wire: 'images',
    imageFields: [{ path: ['b64_json'], dataUrl: false, urlPath: ['url'] }],
  },
  models: { method: 'GET', path: '/models', servedBy: 'upstream', query: MODEL_LIST_QUERY },
  'image-models': { method: 'GET', path: '/images/models', servedBy: 'upstream', query: [] },
  'image-endpoints': {
    method: 'GET',
    path: '/images/models/{author}/{slug}/endpoints',
    servedBy: 'upstream',
    query: [],
  },
  // A job's routes (`jobs` option of the route handler): answered by the handler from its job
  // store, never sent upstream. A job stream's events carry the generation's images where the
  // upstream's did (`imageDelivery: 'inline'`) or, by default, each as the path of its
  // `job-image` route: in a chat chunk's `images[].image_url.url`, and as `url` in place of an
  // Images API event's `b64_json`.
  job: {
    method: 'GET',
    path: '/jobs/{id}',
    servedBy: 'handler',
    imageFields: [
      { path: ['images', '[]', 'image_url', 'url'], dataUrl: true },
      { path: ['b64_json'], dataUrl: false },
    ],
  },
  'job-stop': { method: 'DELETE', path: '/jobs/{id}', servedBy: 'handler' },
  'job-image': { method: 'GET', path: '/jobs/{id}/images/{n}', servedBy: 'handler' },
} as const satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof ROUTES;
