import { refuse } from '../refuse';
import type { HandlerJobs } from './check-jobs-options';
import { jobNotFound, jobStoreRefusal } from './job-refusals';
import type { JobState } from './job-store';
import { isJobId } from './new-job-id';
import { ownerHash } from './owner-hash';

/**
 * The job a request names, if the request may see it: known, not expired, and started by the
 * same owner (`jobs.owner`) when it has one. Anything else is the answer to send instead.
 */
export async function findJob(
  request: Request,
  id: string | undefined,
  jobs: HandlerJobs,
): Promise<{ state: JobState } | { refusal: Response }> {
  if (id === undefined || !isJobId(id)) return { refusal: jobNotFound() };
  let state: JobState | undefined;
  try {
    state = await jobs.store.get(id);
  } catch (error) {
    return { refusal: jobStoreRefusal(error) };
  }
  if (!state) return { refusal: jobNotFound() };
  if (state.meta.owner !== undefined) {
    let owner: string | undefined;
    try {
      owner = await ownerHash(jobs, request);
    } catch {
      return { refusal: refuse(500, 'owner_failed', 'The owner of the request could not be told') };
    }
    if (owner !== state.meta.owner) return { refusal: jobNotFound() };
  }
  return { state };
}
