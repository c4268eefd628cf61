import { expect } from 'vitest';

/**
 * A POST to a mock server's `/__mock/<path>` control endpoint (`reset`, `scenario` with its JSON
 * body), which must answer 204.
 */
export async function mockControlRequest(
  serverUrl: string,
  path: string,
  body?: unknown,
): Promise<void> {
  const response = await fetch(`${serverUrl}/__mock/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(204);
}
