'use client';
import {
  GENERATION_STATE_KEYS,
  type GenerateImageVariables,
  GenerationObserver,
  type GenerationObserverOptions,
  type GenerationObserverSnapshot,
  type ImageGenerationResult,
  type LunosImageClient,
} from '@lunos-image/core';
import { useEffect, useInsertionEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { type ImageGenerationState, ImageViews } from './image-views';
import { useLunosImageClient } from './use-lunos-image-client';

export interface UseImageGenerationOptions extends GenerationObserverOptions {
  /** Wins over the provider's client. */
  client?: LunosImageClient;
}

export interface UseImageGenerationResult extends Readonly<ImageGenerationState> {
  /** Starts a run; a running one is aborted and never writes again. Errors go to `error`. */
  generate(variables: GenerateImageVariables): void;
  /** Like `generate`, but returns the result; rejects with the typed error (`AbortError` when stopped or superseded). */
  generateAsync(variables: GenerateImageVariables): Promise<ImageGenerationResult>;
  /** Aborts the running generation: `status` becomes `aborted`. */
  stop(): void;
  /** Stops any run and returns to `idle`, dropping text, images (their URLs revoked) and error. */
  reset(): void;
}

type TActions = Pick<UseImageGenerationResult, 'generate' | 'generateAsync' | 'stop' | 'reset'>;

interface TBinding {
  observer: GenerationObserver;
  views: ImageViews;
}

function bind(client: LunosImageClient, options: GenerationObserverOptions): TBinding {
  const views = new ImageViews();
  return { observer: new GenerationObserver(client, options, views), views };
}

/**
 * The state object a render gets: plain-looking fields that are getters, so the observer learns
 * which fields this component reads and re-renders it only when one of those changes.
 */
function trackedResult(
  { observer, views }: TBinding,
  snapshot: GenerationObserverSnapshot,
): UseImageGenerationResult {
  const actions: TActions = {
    generate: observer.generate,
    generateAsync: observer.generateAsync,
    stop: observer.stop,
    reset: observer.reset,
  };
  const result = { ...actions } as UseImageGenerationResult;
  for (const key of GENERATION_STATE_KEYS) {
    Object.defineProperty(result, key, {
      enumerable: true,
      get() {
        observer.track(key);
        if (key === 'images') return views.viewsOf(snapshot.shown);
        if (key === 'partials') {
          return views.partialViewsOf(snapshot.source.partials, snapshot.source.runId);
        }
        return observer.read(snapshot, key);
      },
    });
  }
  return result;
}

/**
 * Generates images with streaming state: `generate` / `generateAsync`, `stop`, `reset`, and the
 * run's `status`, `text`, `images` and, while an Images API stream makes them, `partials` (the
 * latest preview per slot; both with object URLs), `usage`, `error`, timings. A component
 * re-renders only when a field it reads changes. Callbacks are read from the latest render, so
 * changing them restarts nothing. Unmounting stops the run (a tick later, so StrictMode's remount
 * keeps it) and revokes the object URLs.
 */
export function useImageGeneration(
  options: UseImageGenerationOptions = {},
): UseImageGenerationResult {
  const client = useLunosImageClient(options.client);
  const [binding, setBinding] = useState(() => bind(client, options));
  let current = binding;
  if (binding.observer.client !== client) {
    // A different client is a different generator: the old one's run stops when it is
    // unsubscribed, like on unmount.
    current = bind(client, options);
    setBinding(current);
  }
  const { observer } = current;
  useInsertionEffect(() => {
    observer.setOptions(options);
  });
  const snapshot = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getServerSnapshot,
  );
  useEffect(() => {
    observer.commit(snapshot);
  }, [observer, snapshot]);
  return useMemo(() => trackedResult(current, snapshot), [current, snapshot]);
}
