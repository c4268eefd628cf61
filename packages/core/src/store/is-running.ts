import type { GenerationStatus } from './generation-store';

const RUNNING: ReadonlySet<GenerationStatus> = new Set(['submitted', 'processing', 'streaming']);

/** `submitted`, `processing` or `streaming`: a run is in flight and can still be stopped. */
export function isRunning(status: GenerationStatus): boolean {
  return RUNNING.has(status);
}
