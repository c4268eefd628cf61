import type {
  GenerateImageVariables,
  GenerationOutcome,
  ImageModel,
  LunosImageClient,
} from '@lunos-image/core';
import {
  type GeneratedImageView,
  type ImageSlotView,
  type UseImageGenerationResult,
  useImageGeneration,
} from '@lunos-image/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Connection } from '../connection/connection';
import type { RunImage } from '../gallery/run-record';
import { describeError } from './describe-error';
import type { RunSlot, RunView } from './run-view';
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

/** A slot of the hook as the output shows it. */
function toRunSlot(slot: ImageSlotView): RunSlot {
  return {
    index: slot.index,
    status: slot.status,
    image: slot.image && toRunImage(slot.image),
    preview: slot.partial && {
      ...toRunImage(slot.partial),
      partialIndex: slot.partial.partialIndex,
    },
    error: slot.error?.message,
  };
}

/** How a run ended (the store's `onFinish`), with the context it was started with. */
export interface RunEnd<T> extends GenerationOutcome {
  context: T;
}

/**
 * Replaced by a newer run before the provider sent a byte (a double press of Generate): not a
 * run the user stopped, so not one to file.
 */
export const replacedEarly = (end: RunEnd<unknown>) =>
  end.reason === 'superseded' && end.bytesReceived === 0;

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
  /**
   * Keep the running job's id in `sessionStorage` and take the run up again after a reload
   * (`resume: 'session'`, one key per dialect): only the route handler's generations are jobs.
   */
  resume?: boolean;
  onFinish(end: RunEnd<T>): void;
}

/**
 * `useImageGeneration` with what a run's view needs around it: a stopwatch, a timeline marked from
 * the stream's own events (so a 30 ms keep-alive phase is not lost between two frames), and each
 * run's end handed back with the context it was started with, found by the run id `generate`
 * returned (a superseded run ends inside the next `generate`, before the new run's own end).
 * New runs start empty (`keep: 'none'`): a stopped or failed run never shows an older picture.
 */
export function useTimedGeneration<T>({
  client,
  connection,
  model,
  resume = false,
  onFinish,
}: TimedGenerationOptions<T>): TimedGeneration<T> {
  const { marks, start: startTimeline, mark } = useRunTimeline();
  const [endedAt, setEndedAt] = useState(0);
  const startedAt = useRef(0);
  const contexts = useRef(new Map<number, T>());

  const generation = useImageGeneration({
    ...(client && { client }),
    ...(model?.api === 'images' && { callOptions: { model } }),
    ...(resume && { resume: 'session' as const, resumeKey: connection.dialect }),
    throttleMs: 33,
    keep: 'none',
    onEvent: (event) => {
      if (event.type === 'processing') mark('processing');
      else if (event.type === 'text-delta') mark('caption');
      else if (event.type === 'partial-image') mark('preview');
      else if (event.type === 'image') mark('image');
    },
    onFinish: (outcome) => {
      // Only the latest run owns the timeline and the end time: every other one was superseded.
      if (outcome.reason !== 'superseded') {
        mark(
          outcome.reason === 'completed'
            ? 'done'
            : outcome.reason === 'aborted'
              ? 'stopped'
              : 'failed',
        );
        setEndedAt(Date.now());
      }
      // A run resumed after a reload has no context here (the page that started it is gone).
      if (!contexts.current.has(outcome.runId)) return;
      const context = contexts.current.get(outcome.runId) as T;
      contexts.current.delete(outcome.runId);
      onFinish({ ...outcome, context });
    },
  });
  const { generate } = generation;

  const start = useCallback(
    (variables: GenerateImageVariables, context: T) => {
      startedAt.current = startTimeline();
      contexts.current.set(generate(variables), context);
    },
    [generate, startTimeline],
  );

  // A running run this page did not start is a job the hook took up again after a reload: its
  // timeline starts at `resumed`, and its replayed events mark the phases after it.
  const { runId, isRunning: running } = generation;
  const resumedRun = useRef(0);
  useEffect(() => {
    if (!running || contexts.current.has(runId) || resumedRun.current === runId) return;
    resumedRun.current = runId;
    startedAt.current = startTimeline('resumed');
  }, [running, runId, startTimeline]);

  const view: RunView = useMemo(
    () => ({
      source: 'live',
      api: generation.variables?.api ?? 'chat',
      status: generation.status,
      text: generation.text,
      images: generation.images.map(toRunImage),
      slots: generation.slots.map(toRunSlot),
      error:
        generation.status === 'error' && generation.error
          ? describeError(generation.error, connection)
          : undefined,
      // The stopwatch runs from the submit while the run goes; the store's time once it ended.
      elapsedMs: running ? 0 : generation.elapsedMs,
      bytesReceived: generation.bytesReceived,
      cost: generation.usage?.cost,
      timeline: marks,
      aspectRatio: generation.variables?.aspectRatio,
    }),
    [generation, running, connection, marks],
  );

  return { generation, view, startedAt: startedAt.current, endedAt, start };
}
