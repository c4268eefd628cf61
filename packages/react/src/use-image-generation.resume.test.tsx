/**
 * `resume: 'session'` against the real route handler with jobs (memory store), the msw mock of
 * the API as its upstream: a reload halfway through a generation gets the whole generation.
 */
import { createLunosImageClient, JobNotFoundError } from '@lunos-image/core';
import { createLunosImageHandler, memoryJobStore } from '@lunos-image/core/server';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from './test-utils/manual-clock';
import { BASE_URLS, setupMockApi } from './test-utils/mock-api';
import { type UseImageGenerationOptions, useImageGeneration } from './use-image-generation';

const clock = manualClock();
const api = await setupMockApi({ clock });

const SUNSET = 'chat/sunset-stream';
const APP = 'http://app.test/api/lunos';
const KEY = 'lunos-image:job';

/** The app: a handler with jobs in front of the mock, and a browser client that calls it. */
function app() {
  const handler = createLunosImageHandler({
    apiKey: `sk-test-${'5'.repeat(32)}`,
    baseURL: BASE_URLS.lunos,
    jobs: { store: memoryJobStore() },
  });
  const calls: string[] = [];
  const client = createLunosImageClient({
    baseURL: APP,
    maxRetries: 0,
    fetch: (input, init) => {
      const request = new Request(new URL(String(input), APP), init);
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      return handler(request);
    },
  });
  return { client, calls };
}

/** The hook as a page renders it, reading (so tracking) what the tests look at. */
const page = (options: UseImageGenerationOptions) =>
  renderHook(() => {
    const view = useImageGeneration(options);
    void [view.status, view.text, view.jobId, view.error, view.images];
    return view;
  });

/**
 * Until `done()`: the replay's clock moved on while it has timers, real time given otherwise
 * (the handler hashes and stores images, and the client fetches them, off the replay's clock).
 */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) {
    if (clock.pending() > 0) await clock.advance(500);
    else await tick();
  }
  expect(done()).toBe(true);
}

/** A tick: the store stops the run of a view that left only once no one came back within it. */
const tick = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

beforeEach(() => {
  sessionStorage.clear();
});
afterEach(() => {
  sessionStorage.clear();
});

describe("useImageGeneration({ resume: 'session' })", () => {
  it('a reload halfway through resumes the job: the same generation, byte-identical, sent once', async () => {
    // The image as the API sends it, for comparison.
    api.mock.next({ fixture: SUNSET });
    const direct = await api.clientFor(SUNSET).generateImage(api.variablesOf(SUNSET));
    api.mock.reset();

    const { client, calls } = app();
    const first = page({ client, resume: 'session' });
    api.mock.next({ fixture: SUNSET, timing: 'realtime' });
    act(() => {
      first.result.current.generate(api.variablesOf(SUNSET));
    });
    await until(() => first.result.current.text !== '');
    const jobId = first.result.current.jobId;
    expect(jobId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.parse(sessionStorage.getItem(KEY) ?? '{}')).toMatchObject({
      id: jobId,
      variables: { prompt: api.variablesOf(SUNSET).prompt },
    });
    expect(first.result.current.images).toHaveLength(0);

    // The reload: the page goes away mid-stream and a new one mounts the same hook.
    first.unmount();
    await tick();
    const second = page({ client, resume: 'session' });
    expect(second.result.current.jobId).toBe(jobId);
    expect(second.result.current.variables?.prompt).toBe(api.variablesOf(SUNSET).prompt);
    await until(() => second.result.current.status === 'success');

    const { result } = second;
    expect(result.current.text).toBe(direct.text);
    expect(result.current.images).toHaveLength(1);
    const image = result.current.images[0]?.image;
    const expected = direct.images[0]?.bytes() ?? new Uint8Array();
    expect(Buffer.from(image?.bytes() ?? []).equals(Buffer.from(expected))).toBe(true);
    expect(result.current.images[0]?.url).toMatch(/^blob:/);
    // The generation went upstream once; the page that left stopped nothing.
    expect(api.mock.calls).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);
    expect(calls).toContain(`GET /api/lunos/jobs/${jobId}`);
    expect(calls).toContain(`GET /api/lunos/jobs/${jobId}/images/0`);
    // Ended: nothing left to resume.
    expect(sessionStorage.getItem(KEY)).toBeNull();
    second.unmount();
  });

  it('stop() stops the job (DELETE) and forgets it', async () => {
    const { client, calls } = app();
    const view = page({ client, resume: 'session', resumeKey: 'hero' });
    api.mock.next({ fixture: SUNSET, timing: 'realtime' });
    act(() => {
      view.result.current.generate(api.variablesOf(SUNSET));
    });
    await until(() => view.result.current.text !== '');
    const jobId = view.result.current.jobId;
    expect(sessionStorage.getItem(`${KEY}:hero`)).toContain(jobId);
    act(() => view.result.current.stop());
    expect(view.result.current.status).toBe('aborted');
    expect(sessionStorage.getItem(`${KEY}:hero`)).toBeNull();
    expect(calls).toContain(`DELETE /api/lunos/jobs/${jobId}`);
    view.unmount();
  });

  it('without resume nothing is kept, and the hook still names the job', async () => {
    const { client } = app();
    const view = page({ client });
    api.mock.next({ fixture: SUNSET });
    act(() => {
      view.result.current.generate(api.variablesOf(SUNSET));
    });
    await until(() => view.result.current.status === 'success');
    expect(view.result.current.jobId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(sessionStorage.length).toBe(0);
    view.unmount();
  });

  it('a kept job the handler no longer knows is a JobNotFoundError, and is forgotten', async () => {
    const { client } = app();
    sessionStorage.setItem(KEY, JSON.stringify({ id: 'x'.repeat(22) }));
    const view = page({ client, resume: 'session' });
    await until(() => view.result.current.status === 'error');
    expect(JobNotFoundError.isInstance(view.result.current.error)).toBe(true);
    expect(sessionStorage.getItem(KEY)).toBeNull();
    view.unmount();
  });
});
