import { fileURLToPath } from 'node:url';
import { runChild } from './run-child';

/**
 * A memory task runs in a child process of its own, so nothing another competitor allocated is
 * on its heap. `run` gets `sample`, to call wherever memory may peak (every network read, after
 * each step); the child also samples once more while the result is still held.
 */
export interface MemoryTask<TInput> {
  /** Runs the same code once on a small input before the baseline (not measured). */
  warmUp?(): Promise<unknown>;
  prepare(): TInput;
  run(input: TInput, sample: () => void): Promise<unknown>;
}

export interface MemoryResult {
  /** Highest heapUsed + external (or ArrayBuffers, if larger) seen, minus the baseline, in bytes. */
  peakBytes: number;
  /** Highest resident set sampled at the same points, minus the one at the baseline, in bytes. */
  rssGrowthBytes: number;
}

const childPath = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

/**
 * Runs `exportName[taskName]` of the module at `moduleUrl` in a fresh `node --expose-gc` process
 * and returns what it measured. The module must export a record of `MemoryTask`s under
 * `exportName`.
 */
export function measureMemory(
  moduleUrl: string,
  exportName: string,
  taskName: string,
): Promise<MemoryResult> {
  return runChild<MemoryResult>(childPath, [moduleUrl, exportName, taskName], ['--expose-gc']);
}
