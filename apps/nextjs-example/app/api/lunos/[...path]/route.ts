import { createLunosImageHandler, memoryJobStore } from '@lunos-image/core/server';
import { MAX_PROMPT_CHARS } from '../../../max-prompt-chars';
import { visitorIdOf, withVisitorCookie } from '../../../visitor-cookie';

/** A number from the environment, or `fallback` when unset; anything else fails at start. */
const fromEnv = (name: string, fallback: number) => Number(process.env[name] || fallback);

/**
 * The app's own endpoint for the hooks: `GET /api/lunos/models` and
 * `POST /api/lunos/chat/completions`, and with jobs on, `GET` and `DELETE /api/lunos/jobs/{id}`
 * (read a generation again, stop it) and `GET /api/lunos/jobs/{id}/images/{n}`. The key stays
 * here, in the server's environment; the page calls this route with no key of its own.
 */
const handler = createLunosImageHandler({
  apiKey: process.env.LUNOS_API_KEY,
  // Unset in production (the Lunos API); the end-to-end test points it at the mock server.
  baseURL: process.env.LUNOS_UPSTREAM_URL || undefined,
  basePath: '/api/lunos',
  // Only the models this app pays for are listed and may be called; any other is refused (403).
  // Lunos names image models `openrouter/<provider>/<model>`; patterns match whole ids.
  allowModels: [
    'openrouter/google/gemini-2.5-flash-image',
    /^openrouter\/google\/gemini-3(\.\d+)?-(pro|flash)-image-preview$/,
  ],
  limits: {
    maxPromptChars: MAX_PROMPT_CHARS,
    maxReferenceImages: 0,
    // Each visitor (an anonymous id in a cookie; a real app keys by its signed-in user) has a
    // budget in USD over a window and a number of generations a minute. A request without the
    // cookie is refused (401), never unlimited. A value that is not a number fails at start.
    spend: {
      key: visitorIdOf,
      usd: fromEnv('LUNOS_BUDGET_USD', 1),
      windowMs: fromEnv('LUNOS_BUDGET_WINDOW_HOURS', 24) * 3_600_000,
    },
    rate: { key: visitorIdOf, requests: fromEnv('LUNOS_RATE_PER_MINUTE', 10), windowMs: 60_000 },
  },
  // Every generation is a job that runs to its end even when the page reloads, kept in this
  // server's memory (one `next start` process; several instances share `redisJobStore`), read
  // again only by the visitor who started it. The limits count in this process's memory too
  // (`limits.store`: `redisLimitStore` across instances).
  jobs: { store: memoryJobStore(), owner: visitorIdOf },
});

const route = withVisitorCookie(handler);

export { route as DELETE, route as GET, route as POST };
