import type { ImageApi } from '../../models/image-model';
import { routePath } from '../../routes/route-path';
import type { SpendTicket } from '../limits/spend-ticket';
import { refuse } from '../refuse';
import type { HandlerContext } from '../route-server';
import type { UpstreamCall } from '../upstream-relay';
import type { HandlerJobs } from './check-jobs-options';
import { jobStoreRefusal } from './job-refusals';
import { jobStreamResponse } from './job-stream-response';
import { newJobId } from './new-job-id';
import { ownerHash } from './owner-hash';
import { runJob } from './run-job';
import { endClaim, type SharedGeneration } from './share-generation';

/**
 * A checked generation as a job: its owner told, the job created in the store (a full or
 * unreachable store answers 503 before anything goes upstream), its run started (handed to
 * `waitUntil`), and the answer: the upstream's error as the relay gives it, or the job stream.
 */
export async function startJob(
  request: Request,
  job: { wire: ImageApi; call: UpstreamCall; prefix: string; spend?: SpendTicket | undefined },
  jobs: HandlerJobs,
  context: HandlerContext,
  shared?: Exclude<SharedGeneration, { answer: Response }>,
): Promise<Response> {
  let owner: string | undefined;
  try {
    owner = shared ? shared.owner : await ownerHash(jobs, request);
  } catch {
    // Nothing went upstream: the reservation is given back whole.
    void job.spend?.end('unbilled');
    return refuse(500, 'owner_failed', 'The owner of the request could not be told');
  }
  const claim = shared?.claim;
  const id = claim?.id ?? newJobId();
  try {
    await jobs.store.create(
      { id, wire: job.wire, owner, createdAt: Date.now() },
      { ttlMs: jobs.ttlMs, leaseMs: jobs.leaseMs },
    );
  } catch (error) {
    void job.spend?.end('unbilled');
    if (claim) void endClaim(jobs.store, claim);
    return jobStoreRefusal(error);
  }
  const run = runJob(
    {
      id,
      wire: job.wire,
      call: job.call,
      imageUrl: (index) => `${job.prefix}${routePath('job-image', { id, n: String(index) })}`,
      spend: job.spend,
    },
    jobs,
    context.relay,
  );
  // The key (`dedupe`, `cache`) is given back or kept once the job has ended.
  const done = claim ? run.done.then(() => endClaim(jobs.store, claim)) : run.done;
  jobs.waitUntil?.(done);
  const refusal = await run.opened;
  if (refusal) return refusal;
  return jobStreamResponse({ id, wire: job.wire, after: 0 }, jobs, context.heartbeatMs);
}
