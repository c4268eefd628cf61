import { getResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { createLunosMock } from '../handlers/create-lunos-mock';

// A package whose fixtures folder went missing (a bundler moved the code away from it, say).
vi.mock('../shipped-fixtures-anchor', () => ({
  SHIPPED_FIXTURES_ANCHOR: 'file:///nowhere/lunos-image-msw/dist/index.js',
}));

describe('createLunosMock() when the shipped folder cannot be read', () => {
  it('answers every route 501 with the FixtureFolderError naming the folder, never a crash', async () => {
    const mock = createLunosMock();
    for (const request of [
      new Request('https://api.lunos.tech/v1/models'),
      new Request('https://api.lunos.tech/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({
          model: 'openrouter/google/gemini-2.5-flash-image',
          messages: [{ role: 'user', content: 'a sunset' }],
        }),
      }),
    ]) {
      const response = await getResponse(mock.handlers, request);
      expect(response?.status).toBe(501);
      const body = (await response?.json()) as { error: { message: string } };
      expect(body.error.message).toBe(
        'Cannot load fixtures from /nowhere/lunos-image-msw/fixtures: no such folder',
      );
    }
  });
});
