import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError } from '../errors/transport-errors';
import { fakeFetch, jsonResponse } from '../test-utils/fake-fetch';

// What the client loads by import() where first used: in a browser each is a chunk fetched like
// any request, which can fail. None of them can be loaded here.
const { unloadable } = vi.hoisted(() => ({
  unloadable: (file: string) => () => {
    throw new TypeError(`Failed to fetch dynamically imported module: /assets/${file}-1a2b.js`);
  },
}));
vi.mock('./list-models', unloadable('list-models'));
vi.mock('./generation-run', unloadable('generation-run'));
vi.mock('../errors/create-api-error', unloadable('create-api-error'));
vi.mock('../request/build-chat-request', unloadable('build-chat-request'));
vi.mock('../request/build-images-request', unloadable('build-images-request'));

afterEach(() => {
  vi.restoreAllMocks();
});

const apiKey = 'sk-test-chunk-0123456789';

async function clientWith(answer: () => Response) {
  const { createLunosImageClient } = await import('./create-lunos-image-client');
  const fetch = fakeFetch(answer);
  return { fetch, client: createLunosImageClient({ fetch, apiKey, maxRetries: 0 }) };
}

/** The ConnectionError a failed load is, with what was loading and the load's failure. */
function expectLoadFailure(error: unknown, what: RegExp) {
  expect(error).toBeInstanceOf(ConnectionError);
  expect((error as Error).message).toMatch(what);
  expect((error as Error).message).toMatch(
    /\(a chunk of @lunos-image\/core could not be fetched\)/,
  );
  expect((error as Error).message).not.toContain(apiKey);
  // vitest wraps what the factory threw; a browser gives its own TypeError.
  expect((error as Error).cause).toBeInstanceOf(Error);
}

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };

describe('when a chunk of the client cannot be loaded', () => {
  it('listModels rejects with a ConnectionError that says so', async () => {
    const { client } = await clientWith(() => jsonResponse({ data: [] }));
    const error = await client.listModels().catch((e: unknown) => e);
    expectLoadFailure(error, /^Loading the code that reads the model list failed/);
  });

  it('a generation rejects with a ConnectionError before anything is sent', async () => {
    const { client, fetch } = await clientWith(() => jsonResponse({}));
    const error = await client.generateImage(vars).catch((e: unknown) => e);
    expectLoadFailure(error, /^Loading the code that runs a generation failed/);
    expect(fetch.calls).toHaveLength(0);
    const stream = client.streamImage(vars);
    const streamed = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expectLoadFailure(streamed, /runs a generation/);
  });

  it('an error answer is still an error: its reader failing to load is a ConnectionError', async () => {
    const { sendWithRetry } = await import('./send-with-retry');
    const { RunSignal } = await import('./run-signal');
    const { resolveTimeouts } = await import('./timeouts');
    const fetch = fakeFetch(() => jsonResponse({ error: { message: 'no' } }, 500));
    const run = new RunSignal(undefined, resolveTimeouts());
    run.start();
    const error = await sendWithRetry({
      url: 'https://api.lunos.tech/v1/models',
      init: { method: 'GET' },
      fetch,
      run,
      maxRetries: 0,
      errorContext: { secret: apiKey },
      maxResponseBytes: 1 << 20,
    }).catch((e: unknown) => e);
    run.dispose();
    expectLoadFailure(error, /^Loading the code that reads an error answer failed/);
  });

  it('buildChatRequest and buildImagesRequest reject with a ConnectionError', async () => {
    const { buildChatRequest, buildImagesRequest } = await import('../request/request-builders');
    expectLoadFailure(
      await buildChatRequest(vars).catch((e: unknown) => e),
      /^Loading the code that builds a chat request failed/,
    );
    expectLoadFailure(
      await buildImagesRequest({ ...vars, api: 'images' }).catch((e: unknown) => e),
      /^Loading the code that builds an Images API request failed/,
    );
  });
});
