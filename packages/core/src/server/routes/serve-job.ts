import { findJob } from '../jobs/find-job';
import { jobNotFound } from '../jobs/job-refusals';
import { jobStreamResponse } from '../jobs/job-stream-response';
import { refuse } from '../refuse';
import type { RouteServer } from '../route-server';

/** What `Last-Event-ID` may be: an event id of a job stream, a decimal integer >= 0. */
const EVENT_ID = /^[0-9]{1,15}$/;

/**
 * `GET …/jobs/{id}`: the job's stream from the start, or after `Last-Event-ID`, followed live to
 * its end; a job that failed before its answer began answers that error again, as the POST did.
 */
export const serveJob: RouteServer = async (request, { params }, { jobs, heartbeatMs }) => {
  if (!jobs) return jobNotFound();
  const lastEventId = request.headers.get('last-event-id');
  if (lastEventId !== null && !EVENT_ID.test(lastEventId)) {
    return refuse(
      400,
      'invalid_last_event_id',
      'Last-Event-ID must be an event id of the job stream: a decimal integer >= 0 of at most 15 digits',
    );
  }
  const found = await findJob(request, params.id, jobs);
  if ('refusal' in found) return found.refusal;
  const { meta, failure } = found.state;
  if (failure)
    return new Response(failure.body, { status: failure.status, headers: failure.headers });
  return jobStreamResponse(
    { id: meta.id, wire: meta.wire, after: lastEventId === null ? 0 : Number(lastEventId) },
    jobs,
    heartbeatMs,
  );
};
