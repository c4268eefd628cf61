import { describe, expect, it } from 'vitest';
import { createLunosImageHandler } from './create-lunos-image-handler';
import { memoryJobStore } from './jobs/memory-job-store';

// Two routes on one path (a job's GET and DELETE): the handler takes methods from the table.
const handler = createLunosImageHandler({
  apiKey: 'sk-test-0000000000',
  allowOrigins: ['https://app.example'],
  fetch: () => Promise.reject(new Error('must not be called')),
  jobs: { store: memoryJobStore() },
});

describe('a path that takes several methods', () => {
  it('answers 405 with every method of the path in Allow', async () => {
    const response = await handler(new Request('http://app.test/api/jobs/j1', { method: 'POST' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, DELETE');
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe('/jobs/j1 takes GET or DELETE, not POST');
  });

  it('allows every method of the path in a preflight', async () => {
    const response = await handler(
      new Request('http://app.test/api/jobs/j1', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'DELETE' },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, DELETE');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });
});
