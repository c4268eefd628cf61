import type { DialectHeaderOptions, DialectName } from '../request/dialect';
import type { ModelAllowList } from './model-matcher';

export interface LunosImageHandlerLimits {
  /** Largest request body, counted while reading (not trusted from `content-length`). Default 20 MiB. */
  maxRequestBytes: number;
  /** Characters of text over all messages. Default 32 000. */
  maxPromptChars: number;
  /** Reference images (`image_url` parts) over all messages. Default 16. */
  maxReferenceImages: number;
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
  limits?: Partial<LunosImageHandlerLimits> | undefined;
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
}

export const DEFAULT_HANDLER_LIMITS: LunosImageHandlerLimits = {
  maxRequestBytes: 20 * 1024 * 1024,
  maxPromptChars: 32_000,
  maxReferenceImages: 16,
};
