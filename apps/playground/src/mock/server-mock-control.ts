import type { MockCall } from '@lunos-image/msw';
import type { MockControl } from './mock-control';

async function ok(response: Response, what: string): Promise<Response> {
  if (response.ok) return response;
  let message = `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON: the status is all there is to say.
  }
  throw new Error(`The mock server refused to ${what}: ${message}`);
}

/** Steers a `lunos-image-mock serve` through its control endpoints under `/__mock/`. */
export function serverMockControl(serverUrl: string): MockControl {
  const base = serverUrl.replace(/\/+$/, '');
  return {
    async next(scenario) {
      await ok(
        await fetch(`${base}/__mock/scenario`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(scenario),
        }),
        'queue the scenario',
      );
    },
    async calls() {
      const response = await ok(await fetch(`${base}/__mock/calls`), 'list its calls');
      return (await response.json()) as MockCall[];
    },
    async reset() {
      await ok(await fetch(`${base}/__mock/reset`, { method: 'POST' }), 'reset');
    },
  };
}
