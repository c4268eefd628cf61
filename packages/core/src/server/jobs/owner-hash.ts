import type { HandlerJobs } from './check-jobs-options';
import { sha256Hex } from './sha256-hex';

/**
 * SHA-256 (hex) of what `jobs.owner(request)` returned, as a job stores it; undefined without an
 * owner. Throws when `owner` throws or returns something other than a string or undefined.
 */
export async function ownerHash(jobs: HandlerJobs, request: Request): Promise<string | undefined> {
  if (!jobs.owner) return undefined;
  const owner: unknown = await jobs.owner(request);
  if (owner === undefined) return undefined;
  if (typeof owner !== 'string') {
    throw new TypeError(`jobs.owner returned ${typeof owner}, not a string or undefined`);
  }
  return sha256Hex(owner);
}
