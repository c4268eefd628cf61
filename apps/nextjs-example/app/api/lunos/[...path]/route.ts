import { createLunosImageHandler } from '@lunos-image/core/server';
import { MAX_PROMPT_CHARS } from '../../../max-prompt-chars';

/**
 * The app's own endpoint for the hooks: `GET /api/lunos/models` and
 * `POST /api/lunos/chat/completions`. The key stays here, in the server's environment; the page
 * calls this route with no key of its own.
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
});

export { handler as GET, handler as POST };
