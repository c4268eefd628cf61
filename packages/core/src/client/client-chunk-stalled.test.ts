import { describe, expect, it, vi } from 'vitest';
import { AbortError, TimeoutError } from '../errors/transport-errors';
import { fakeFetch, jsonResponse } from '../test-utils/fake-fetch';
import { createLunosImageClient } from './create-lunos-image-client';

// A generation's code loads by import(); in a browser that is a chunk fetch, which on a stalled
// network never ends. Here it never does.
vi.mock('./generation-run', () => new Promise(() => {}));

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };

function client(options: Parameters<typeof createLunosImageClient>[0] = {}) {
  const fetch = fakeFetch(() => jsonResponse({}));
  return { fetch, client: createLunosImageClient({ fetch, ...options }) };
}

describe("a generation whose code's load hangs", () => {
  it('ends at abort(), with nothing sent', async () => {
    const { client: c, fetch } = client();
    const stream = c.streamImage(vars);
    const result = stream.result().catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stream.abort('user stopped');
    const error = await result;
    expect(AbortError.isInstance(error)).toBe(true);
    expect(fetch.calls).toHaveLength(0);
  });

  it("ends when the caller's signal aborts", async () => {
    const { client: c } = client();
    const controller = new AbortController();
    const result = c.generateImage(vars, { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort('gone');
    const error = await result;
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as AbortError).reason).toBe('gone');
  });

  it('ends at the total time limit', async () => {
    const { client: c } = client({ timeout: { totalMs: 50 } });
    const error = await c.generateImage(vars).catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).limit).toBe('total');
  });
});
