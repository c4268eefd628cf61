import { sleep } from '../../client/sleep';
import type { ImageApi } from '../../models/image-model';
import { limitKeyOf } from '../limits/admit-generation';
import { refuse } from '../refuse';
import type { HandlerContext } from '../route-server';
import type { HandlerJobs } from './check-jobs-options';
import type { HandlerSharing } from './check-sharing-options';
import { generationKey } from './generation-key';
import { jobStoreRefusal } from './job-refusals';
import type { JobState, JobStore } from './job-store';
import { jobStreamResponse } from './job-stream-response';
import { newJobId } from './new-job-id';
import { ownerHash } from './owner-hash';

/** The header of an answer replayed from a finished job (`cache`). */
export const CACHE_HEADER = 'x-lunos-cache';

/** A key this request holds: its job gets `id`, and gives the key back when it ends (`endClaim`). */
export interface JobClaim {
  readonly hash: string;
  readonly id: string;
  /** The job answers identical requests after it ended `done` (`cache`, and a `seed`). */
  readonly keep: boolean;
}

/** What `shareGeneration` decided: answer from another job, or run one (holding its key or not). */
export type SharedGeneration =
  | { readonly answer: Response }
  | { readonly owner: string | undefined; readonly claim?: JobClaim | undefined };

/**
 * Looking again for the job of a key claimed by a request that has not created it yet: from 10 ms,
 * doubling to 250 ms, for at most the runner's lease (then its claimer is taken for gone).
 */
const FIRST_LOOK_MS = 10;
const LONGEST_LOOK_MS = 250;
/** Claims given back (ended jobs, lost claimers) before a request stops trying and runs alone. */
const MAX_ROUNDS = 8;

/**
 * `dedupe` and `cache` for one checked generation, before the limits (a request answered from
 * another job reserves nothing): the owner told (`jobs.owner`, else the key of `limits.spend` or
 * `limits.rate`), the request's key (`generationKey`) claimed in the job store. Held by a job
 * running on a live lease (`dedupe`), or by one that ended `done` (`cache`, with a `seed`): that
 * job's stream from the start, as `GET …/jobs/{id}` gives it. Held by a job that is not created
 * yet: looked at again shortly. Held by a job that failed, stopped, expired or was lost: given
 * back and claimed anew. Otherwise this request holds the key for its own job.
 */
export async function shareGeneration(
  request: Request,
  generation: { wire: ImageApi; body: Record<string, unknown> },
  context: HandlerContext & { jobs: HandlerJobs; sharing: HandlerSharing },
): Promise<SharedGeneration | { refusal: Response }> {
  const { jobs, sharing } = context;
  let owner: string | undefined;
  try {
    owner = await ownerHash(jobs, request);
  } catch {
    return { refusal: refuse(500, 'owner_failed', 'The owner of the request could not be told') };
  }
  const seed = generation.body.seed;
  const keep = sharing.cacheTtlMs !== undefined && seed !== undefined && seed !== null;
  if (!sharing.dedupe && !keep) return { owner };
  const counted = context.spendAndRate?.spend ?? context.spendAndRate?.rate;
  const limitKey = counted && (await limitKeyOf(counted.key, request));
  // Counted but without a key: the limits refuse it; it is never shared as nobody's.
  if (counted && limitKey === undefined) return { owner };
  const hash = await generationKey(generation.wire, owner ?? limitKey, generation.body);
  const id = newJobId();
  const store = jobs.store as Required<JobStore>;
  const ttlMs = keep ? (sharing.cacheTtlMs as number) : jobs.maxRunMs + jobs.leaseMs;
  const lookUntil = Date.now() + jobs.leaseMs;
  let lookMs = FIRST_LOOK_MS;
  try {
    for (let round = 0; round < MAX_ROUNDS; ) {
      const holder = await store.claim(hash, id, ttlMs);
      if (holder === undefined) return { owner, claim: { hash, id, keep } };
      const state = await store.get(holder);
      if (!state && Date.now() < lookUntil) {
        await sleep(lookMs, request.signal);
        lookMs = Math.min(2 * lookMs, LONGEST_LOOK_MS);
        continue;
      }
      const use = state && usable(state, sharing.dedupe, keep);
      if (state && (use === 'cached' || use === 'running')) {
        const headers: Record<string, string> = use === 'cached' ? { [CACHE_HEADER]: 'hit' } : {};
        const job = { id: holder, wire: state.meta.wire, after: 0 };
        return { answer: jobStreamResponse(job, jobs, context.heartbeatMs, headers) };
      }
      // Running, but only `cache` is on: this request runs a job of its own, holding nothing.
      if (use === 'alone') return { owner };
      await store.release(hash, holder);
      round += 1;
    }
  } catch (error) {
    if (request.signal.aborted)
      return { refusal: refuse(499, 'client_closed', 'The request left') };
    return { refusal: jobStoreRefusal(error) };
  }
  return { owner };
}

/** What the job holding a key is to this request: one to answer from, one to leave, or stale. */
function usable(state: JobState, dedupe: boolean, keep: boolean) {
  if (state.status === 'done') return keep ? 'cached' : 'stale';
  if (state.status !== undefined || state.leaseUntil <= Date.now()) return 'stale';
  return dedupe ? 'running' : 'alone';
}

/**
 * A job's key once the job has ended: kept (for `cache`) when it ended `done` with a `seed`,
 * given back otherwise; a store that fails lets the claim expire.
 */
export async function endClaim(store: JobStore, claim: JobClaim): Promise<void> {
  try {
    const state = claim.keep ? await store.get(claim.id) : undefined;
    if (state?.status !== 'done') await store.release?.(claim.hash, claim.id);
  } catch {
    // the claim expires by itself
  }
}
