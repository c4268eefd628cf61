import type { HandlerJobs } from './check-jobs-options';

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
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(owner));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
