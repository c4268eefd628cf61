import type {
  GenerateImageVariables,
  ImageGenerationResult,
  ImageModel,
  LunosImageClient,
} from '@lunos-image/core';
import {
  type GeneratedImageView,
  type UseImageGenerationResult,
  useImageGeneration,
} from '@lunos-image/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Connection } from '../connection/connection';
import type { RunImage } from '../gallery/run-record';
import { describeError } from './describe-error';
import type { RunView } from './run-view';
import { useRunTimeline } from './use-run-timeline';

/** An image of the hook as the output shows it (the view's object URL, the header's size). */
function toRunImage(image: GeneratedImageView): RunImage {
  return {
    index: image.index,
    url: image.url,
    mimeType: image.mimeType,
    width: image.width,
    height: image.height,
    byteLength: image.byteLength,
  };
}

/** One run started through {@link useTimedGeneration}, with what the caller started it for. */
interface Run<T> {
  context: T;
  /** `performance.now()` at submit. */
  startedAt: number;
  /** Set by the first stream event: the provider has answered. */
  responded: boolean;
  /** Set when a newer run replaced it (not the user's Stop). */
  superseded: boolean;
}

/** How a run ended, handed to `onFinish` with the context it was started with. */
export interface RunEnd<T> {
  context: T;
  variables: GenerateImageVariables;
  result: ImageGenerationResult | undefined;
  reason: 'completed' | 'aborted' | 'error';
  error: unknown;
  elapsedMs: number;
  bytesReceived: number;
  /**
   * Replaced by a newer run before the provider said anything (a double press of Generate): not
   * a run the user stopped, so not one to file.
   */
  replacedEarly: boolean;
}

export interface TimedGeneration<T> {
  generation: UseImageGenerationResult;
  /** The latest run as the output shows it: status, text, images, error, timeline, cost. */
  view: RunView;
  /** `performance.now()` when the latest run was submitted (for the running clock). */
  startedAt: number;
  /** `Date.now()` when the latest run ended (a Retry-After counts down from it). */
  endedAt: number;
  start(variables: GenerateImageVariables, context: T): void;
}

export interface TimedGenerationOptions<T> {
  /** Instead of the provider's client (a compare column's mock scenario). */
  client?: LunosImageClient | undefined;
  connection: Connection;
  /**
   * The catalog entry of the model the next run is for: an Images API run is checked against its
   * typed parameters before anything is sent (a `ValidationError` naming the setting).
   */
  model?: ImageModel | undefined;
  onFinish(end: RunEnd<T>): void;
}

/**
 * `useImageGeneration` with what a run's view needs around it: a stopwatch, a timeline marked from
 * the stream's own events (so a 30 ms keep-alive phase is not lost between two frames), and each
 * run's end handed back with the context it was started with (found again by the variables
 * object, since a superseded run ends inside the next `generate`, before the new run's own end).
 * New runs start empty (`keep: 'none'`): a stopped or failed run never shows an older picture.
 */
export function useTimedGeneration<T>({
  client,
  connection,
  model,
  onFinish,
}: TimedGenerationOptions<T>): TimedGeneration<T> {
  const { marks, start: startTimeline, mark } = useRunTimeline();
  const [finished, setFinished] = useState({ elapsedMs: 0, at: 0 });
  const startedAt = useRef(0);
  const runs = useRef(new WeakMap<GenerateImageVariables, Run<T>>());
  const latest = useRef<Run<T> | undefined>(undefined);

  const generation = useImageGeneration({
    ...(client && { client }),
    ...(model?.api === 'images' && { callOptions: { model } }),
    throttleMs: 33,
    keep: 'none',
    onEvent: (event) => {
      if (latest.current) latest.current.responded = true;
      if (event.type === 'processing') mark('processing');
      else if (event.type === 'text-delta') mark('caption');
      else if (event.type === 'partial-image') mark('preview');
      else if (event.type === 'image') mark('image');
    },
    onFinish: ({ result, reason, error, variables }) => {
      const run = runs.current.get(variables);
      if (!run) return;
      const replacedEarly = reason === 'aborted' && run.superseded && !run.responded;
      const elapsedMs = performance.now() - run.startedAt;
      // Only the latest run owns the timeline and the final time.
      if (run === latest.current) {
        mark(reason === 'completed' ? 'done' : reason === 'aborted' ? 'stopped' : 'failed');
        setFinished({ elapsedMs, at: Date.now() });
      }
      onFinish({
        context: run.context,
        variables,
        result,
        reason,
        error,
        elapsedMs,
        bytesReceived: generationRef.current.bytesReceived,
        replacedEarly,
      });
    },
  });
  const generationRef = useRef(generation);
  generationRef.current = generation;

  const start = useCallback(
    (variables: GenerateImageVariables, context: T) => {
      startedAt.current = startTimeline();
      if (latest.current && generationRef.current.isRunning) latest.current.superseded = true;
      const run: Run<T> = {
        context,
        startedAt: startedAt.current,
        responded: false,
        superseded: false,
      };
      runs.current.set(variables, run);
      latest.current = run;
      generationRef.current.generate(variables);
    },
    [startTimeline],
  );

  const view: RunView = useMemo(
    () => ({
      source: 'live',
      api: generation.variables?.api ?? 'chat',
      status: generation.status,
      text: generation.text,
      images: generation.images.map(toRunImage),
      slots: generation.variables?.n ?? 1,
      partials: generation.partials.map(
        (p) => p && { ...toRunImage(p), partialIndex: p.partialIndex },
      ),
      error:
        generation.status === 'error' && generation.error
          ? describeError(generation.error, connection)
          : undefined,
      elapsedMs: finished.elapsedMs,
      bytesReceived: generation.bytesReceived,
      cost: generation.usage?.cost,
      timeline: marks,
      aspectRatio: generation.variables?.aspectRatio,
    }),
    [generation, connection, finished.elapsedMs, marks],
  );

  return { generation, view, startedAt: startedAt.current, endedAt: finished.at, start };
}
