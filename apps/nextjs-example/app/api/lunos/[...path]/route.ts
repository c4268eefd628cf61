import { createLunosImageHandler, memoryJobStore } from '@lunos-image/core/server';
import { MAX_PROMPT_CHARS } from '../../../max-prompt-chars';

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
  limits: { maxPromptChars: MAX_PROMPT_CHARS, maxReferenceImages: 0 },
  // Every generation is a job that runs to its end even when the page reloads, kept in this
  // server's memory (one `next start` process; several instances share `redisJobStore`).
  jobs: { store: memoryJobStore() },
});

export { handler as DELETE, handler as GET, handler as POST };
