// Runs inside every runtime under test, before the README snippet (a preload, or the first import
// of a bundle). It changes only what a test machine must: the providers' origins point at the
// test's upstream (a relay in front of the mock server: this machine has no network), and, in the
// harness variant of a snippet, the handler gets the suite's options and sits next to a route that
// runs the client in this runtime. Everything else is the snippet as the README shows it.
import { createLunosImageClient } from '@lunos-image/core';
import { clientCheck } from './client-check.mjs';

/** The origins the handler's dialects send to; nothing else is redirected. */
const PROVIDERS = ['https://api.lunos.tech', 'https://openrouter.ai'];

function redirect(url, upstream) {
  const provider = PROVIDERS.find((origin) => url === origin || url.startsWith(`${origin}/`));
  return provider ? upstream + url.slice(provider.length) : url;
}

/**
 * `config.upstream`: where the providers' origins point. `config.handler` (the harness variant):
 * the options `createLunosImageHandler` gets instead of the snippet's; the test rewrites the
 * snippet's call to `globalThis.lunosRuntimeHarness(createLunosImageHandler)`.
 */
export function installHarness(config) {
  const fetchUpstream = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (typeof input === 'string' || input instanceof URL) {
      return fetchUpstream(redirect(String(input), config.upstream), init);
    }
    const url = redirect(input.url, config.upstream);
    return fetchUpstream(url === input.url ? input : new Request(url, input), init);
  };
  globalThis.lunosRuntimeHarness = (createLunosImageHandler) => {
    const handler = createLunosImageHandler(config.handler);
    return async (request) => {
      const url = new URL(request.url);
      if (url.pathname !== '/__client-check') return handler(request);
      try {
        const mock = url.searchParams.get('mock');
        return Response.json(
          await clientCheck(createLunosImageClient, mock, config.handler.apiKey),
        );
      } catch (error) {
        return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
      }
    };
  };
}
