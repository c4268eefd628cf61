/** A route handler with jobs in front of an upstream the test drives, and requests to it. */
import { createLunosImageHandler } from '../server/create-lunos-image-handler';
import { memoryJobStore } from '../server/jobs/memory-job-store';
import type {
  LunosImageHandlerOptions,
  LunosImageJobsOptions,
} from '../server/lunos-image-handler-options';
import { sseResponse } from './fake-fetch';
import { drivenUpstream, recordingJobStore } from './job-streams';

export const JOB_KEY = `sk-or-v1-${'9c8d7e6f'.repeat(8)}`;
export const APP = 'http://app.test/api/lunos';

type Handler = (request: Request) => Promise<Response>;

export const chatBody = (stream = true) => ({
  model: 'google/gemini-2.5-flash-image',
  messages: [{ role: 'user', content: 'a sunset' }],
  stream,
});

export const imagesBody = (stream = true) => ({
  model: 'openai/gpt-image-1',
  prompt: 'a lighthouse',
  stream,
});

/** A generation as a browser posts it. */
export function post(
  handler: Handler,
  path: '/chat/completions' | '/images',
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
  return handler(
    new Request(`${APP}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: JSON.stringify(body),
      ...(init.signal && { signal: init.signal }),
    }),
  );
}

export const get = (handler: Handler, path: string, headers: Record<string, string> = {}) =>
  handler(new Request(`${APP}${path}`, { headers }));

export const del = (handler: Handler, path: string, headers: Record<string, string> = {}) =>
  handler(new Request(`${APP}${path}`, { method: 'DELETE', headers }));

/** A handler with jobs (a memory store, recorded), in front of an upstream the test writes to. */
export function jobHandler(
  jobs: Partial<LunosImageJobsOptions> = {},
  options: Partial<LunosImageHandlerOptions> = {},
  answer: (body: ReadableStream<Uint8Array>, n: number) => Response = (body) => sseResponse(body),
) {
  const store = recordingJobStore(jobs.store ?? memoryJobStore());
  const upstream = drivenUpstream(answer);
  const handler = createLunosImageHandler({
    apiKey: JOB_KEY,
    baseURL: 'https://upstream.test/v1',
    fetch: upstream.fetch,
    ...options,
    jobs: { ...jobs, store },
  });
  return { store, upstream, handler };
}

export const jobIdOf = (response: Response) => response.headers.get('x-lunos-job-id') as string;
