import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError } from '../errors/transport-errors';
import { fakeFetch, jsonResponse } from '../test-utils/fake-fetch';

// The model list's reader loads by import(); in a browser that is a chunk fetched like any request.
vi.mock('./list-models', () => {
  throw new TypeError('Failed to fetch dynamically imported module: /assets/list-models-1a2b.js');
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('listModels when its reader cannot be loaded', () => {
  it('rejects with a ConnectionError that says so, the load failure as its cause', async () => {
    const { createLunosImageClient } = await import('./create-lunos-image-client');
    const fetch = fakeFetch(() => jsonResponse({ data: [] }));
    const client = createLunosImageClient({
      fetch,
      apiKey: 'sk-test-chunk-0123456789',
      maxRetries: 0,
    });
    const error = await client.listModels().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/model list failed \(a chunk of @lunos-image\/core/);
    // vitest wraps what the factory threw; a browser gives its own TypeError.
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});
