import type { ImageApi } from '../../models/image-model';
import type { HandlerJobs } from './check-jobs-options';
import { followJob } from './follow-job';

/** The header that names the job of a job stream (exposed to other origins through CORS). */
export const JOB_ID_HEADER = 'x-lunos-job-id';

/** A job stream as the POST and `GET …/jobs/{id}` answer it: 200, SSE, the job's id in a header. */
export function jobStreamResponse(
  job: { id: string; wire: ImageApi; after: number },
  jobs: HandlerJobs,
  heartbeatMs: number,
  headers: Record<string, string> = {},
): Response {
  const body = followJob({
    store: jobs.store,
    ...job,
    heartbeatMs,
    beatMs: jobs.beatMs,
  });
  return new Response(body, {
    status: 200,
    headers: {
      ...headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      [JOB_ID_HEADER]: job.id,
    },
  });
}
