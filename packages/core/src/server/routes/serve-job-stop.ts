import { findJob } from '../jobs/find-job';
import { jobNotFound, jobStoreRefusal } from '../jobs/job-refusals';
import type { RouteServer } from '../route-server';

/**
 * `DELETE …/jobs/{id}`: asks the job's runner, on whatever instance runs it, to stop (204; a job
 * that has ended stays as it ended).
 */
export const serveJobStop: RouteServer = async (request, { params }, { jobs }) => {
  if (!jobs) return jobNotFound();
  const found = await findJob(request, params.id, jobs);
  if ('refusal' in found) return found.refusal;
  try {
    await jobs.store.requestStop(found.state.meta.id);
  } catch (error) {
    return jobStoreRefusal(error);
  }
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
};
