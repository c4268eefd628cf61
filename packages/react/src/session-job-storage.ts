import type { GenerateImageVariables } from '@lunos-image/core';
import type { JobStorage, SavedJob } from '@lunos-image/core/adapter';

/** The `sessionStorage` key of a hook's running job: `lunos-image:job`, then `:<resumeKey>`. */
export function sessionJobKey(resumeKey: string | undefined): string {
  return resumeKey === undefined ? 'lunos-image:job' : `lunos-image:job:${resumeKey}`;
}

/** Variables longer than this as JSON (input images inline) are not kept: only the job id is. */
const MAX_SAVED_CHARS = 64 * 1024;

/**
 * A `JobStorage` in the tab's `sessionStorage` under `key`: it survives a reload, not the tab.
 * Without `sessionStorage` (server rendering, storage disabled, quota reached) nothing is kept
 * and nothing is resumed; what another script left under the key is read only if it is a job.
 */
export function sessionJobStorage(key: string): JobStorage {
  const storage = (): Storage | undefined => {
    try {
      return globalThis.sessionStorage;
    } catch {
      return undefined; // A sandboxed frame throws on access.
    }
  };
  return {
    load() {
      let saved: unknown;
      try {
        saved = JSON.parse(storage()?.getItem(key) ?? 'null');
      } catch {
        return undefined;
      }
      if (typeof saved !== 'object' || saved === null) return undefined;
      const { id, variables } = saved as { id?: unknown; variables?: unknown };
      if (typeof id !== 'string') return undefined;
      const job: SavedJob = { id };
      if (typeof variables === 'object' && variables !== null) {
        job.variables = variables as GenerateImageVariables;
      }
      return job;
    },
    save(job) {
      try {
        let text = JSON.stringify(job);
        if (text.length > MAX_SAVED_CHARS) text = JSON.stringify({ id: job.id });
        storage()?.setItem(key, text);
      } catch {
        // Not kept: a reload starts afresh, as without `resume`.
      }
    },
    clear() {
      try {
        storage()?.removeItem(key);
      } catch {
        // Nothing to clear where nothing could be kept.
      }
    },
  };
}
