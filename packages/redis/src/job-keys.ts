/** Where one job lives in Redis. */
export interface JobKeys {
  /** Hash: the job's state (wire, owner, createdAt, lastEventId, leaseUntil, status, failure, stop). */
  readonly job: string;
  /** Stream: the events, entry ids `0-1`, `0-2`…; `1-0` marks the end. */
  readonly events: string;
  /** Hash per image: `bytes`, `contentType`, `sha256`. */
  readonly image: (index: number) => string;
  /** Pub/sub channel a stop request is published on. */
  readonly stop: string;
  /** String: the hash whose claim this job holds (`claim`), so the claim can go with the job. */
  readonly claimed: string;
}

/**
 * The keys of a job. The id in braces is a Redis Cluster hash tag: every key of a job hashes to
 * the same slot, so the scripts that touch several of them stay valid on a cluster.
 */
export function jobKeys(prefix: string, id: string): JobKeys {
  const base = `${prefix}{${id}}`;
  return {
    job: `${base}:job`,
    events: `${base}:events`,
    image: (index) => `${base}:image:${index}`,
    stop: `${base}:stop`,
    claimed: `${base}:claimed`,
  };
}

/**
 * The claim key of a generation's hash (`claim`, `release`): it holds only the id of the job
 * holding it. The hash in braces is its own hash tag, so a claim's script touches one slot.
 */
export function claimKey(prefix: string, hash: string): string {
  return `${prefix}claim:{${hash}}`;
}
