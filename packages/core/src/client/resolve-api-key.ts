import { ValidationError } from '../errors/validation-error';
import { apiKeyFromEnvironment } from '../request/api-key-from-environment';
import type { Dialect } from '../request/dialect';
import { isBrowser } from './is-browser';
import { headerValueProblem } from './validate-client-options';

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined; // a path (`/api/lunos`): a proxy of the page's own site
  }
}

/**
 * The key the client sends: `apiKey` when given; otherwise, on a server, the dialect's variable
 * (`LUNOS_API_KEY` / `OPENROUTER_API_KEY`), as openai-node does with its own. The environment's
 * key goes only to the dialect's own origin: a client pointed at a proxy, the mock server or any
 * other host never hands it the developer's key by accident (pass `apiKey` to send it there).
 */
export function resolveApiKey(
  apiKey: string | undefined,
  dialect: Dialect,
  baseURL: string,
): string | undefined {
  if (apiKey !== undefined) return apiKey;
  if (isBrowser() || originOf(baseURL) !== originOf(dialect.defaultBaseURL)) return undefined;
  const fromEnvironment = apiKeyFromEnvironment(dialect);
  if (fromEnvironment !== undefined && headerValueProblem(fromEnvironment)) {
    throw new ValidationError('client options', [
      {
        path: dialect.apiKeyVariable,
        code: 'invalid_value',
        // Never quote the value: it is the key.
        message:
          'in the environment contains a character an HTTP header cannot carry (a line break, a control character or non-Latin-1 text): check how it was set',
      },
    ]);
  }
  return fromEnvironment;
}
