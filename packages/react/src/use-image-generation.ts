'use client';
import type {
  GenerateImageVariables,
  ImageGenerationResult,
  LunosImageClient,
} from '@lunos-image/core';
import { GenerationObserver, type GenerationObserverOptions } from '@lunos-image/core/adapter';
import { useEffect, useInsertionEffect, useMemo, useSyncExternalStore } from 'react';
import { type ImageGenerationState, ImageViews } from './image-views';
import { sessionJobKey, sessionJobStorage } from './session-job-storage';
import { useLunosImageClient } from './use-lunos-image-client';

export interface UseImageGenerationOptions extends Omit<GenerationObserverOptions, 'jobStorage'> {
  /** Wins over the provider's client. */
  client?: LunosImageClient;
  /**
   * `'session'`: the id of the route handler's job the run reads (`createLunosImageHandler({
   * jobs })`) is kept in `sessionStorage` while it runs, and after a reload the hook resumes it
   * (the same text and images, then the rest live); unmounting stops reading but leaves the job
   * running. `stop()` stops the job; the id is cleared when the run ends. Default: none.
   */
  resume?: 'session';
  /** Tells apart hooks that resume side by side: the key is `lunos-image:job:<resumeKey>`. */
  resumeKey?: string;
}

export interface UseImageGenerationResult extends Readonly<ImageGenerationState> {
  /**
   * Starts a run and returns its id (`runId`, also in `onFinish`); a running one is aborted
   * (`onFinish` says `superseded`) and never writes again. Errors go to `error`.
   */
  generate(variables: GenerateImageVariables): number;
  /** Like `generate`, but returns the result; rejects with the typed error (`AbortError` when stopped or superseded). */
  generateAsync(variables: GenerateImageVariables): Promise<ImageGenerationResult>;
  /** Aborts the running generation: `status` becomes `aborted`. */
  stop(): void;
  /** Stops any run and returns to `idle`, dropping text, images (their URLs revoked) and error. */
  reset(): void;
}

/**
 * Generates images with streaming state: `generate` / `generateAsync`, `stop`, `reset`, and the
 * run's `status`, `text`, `images`, `slots` (one per image asked for: its image, preview, status
 * and error) and, while an Images API stream makes them, `partials` (the latest preview per slot;
 * images and previews with object URLs), `usage`, `error`, timings. A component re-renders only
 * when a field it reads changes (the observer tracks the reads). Callbacks are read from the
 * latest render, so changing them restarts nothing. Unmounting stops the run (a tick later, so
 * StrictMode's remount keeps it) and revokes the object URLs. With `resume: 'session'`, a run on
 * a route handler with jobs survives a reload (`jobId` names its job).
 */
export function useImageGeneration(
  options: UseImageGenerationOptions = {},
): UseImageGenerationResult {
  const client = useLunosImageClient(options.client);
  const { resume, resumeKey } = options;
  const jobStorage = useMemo(
    () => (resume === 'session' ? sessionJobStorage(sessionJobKey(resumeKey)) : undefined),
    [resume, resumeKey],
  );
  const observerOptions = { ...options, jobStorage };
  // A different client is a different generator: the old one's run stops when it is
  // unsubscribed, like on unmount. Options reach the observer on every commit (below).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the client makes a new observer.
  const observer = useMemo(
    () => new GenerationObserver(client, observerOptions, new ImageViews()),
    [client],
  );
  useInsertionEffect(() => {
    observer.setOptions(observerOptions);
  });
  const snapshot = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getServerSnapshot,
  );
  useEffect(() => {
    observer.commit(snapshot);
  }, [observer, snapshot]);
  return observer.trackResult(snapshot);
}
