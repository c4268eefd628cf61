import type { LunosImageError } from '../errors/lunos-image-error';
import { AbortError } from '../errors/transport-errors';
import type { GeneratedImage } from '../image/generated-image';
import type { PartialImage } from './image-result-accumulator';

/**
 * Where one image asked for stands:
 * - `waiting`: the run goes on and nothing of it has come yet;
 * - `previewing`: a preview of it shows (`partial`);
 * - `done`: its image arrived (`image`; kept whatever happens to the other slots);
 * - `failed`: the API ended it with an error (`error`), or the run failed before it came;
 * - `not-made`: the run completed without it. `n` is an upper bound: a provider may make fewer;
 * - `stopped`: the run was stopped (or superseded) before it came.
 */
export type ImageSlotStatus = 'waiting' | 'previewing' | 'done' | 'failed' | 'not-made' | 'stopped';

/** One image asked for (`n` of them on the Images API, one on chat), by its place in the run. */
export interface ImageSlot {
  readonly index: number;
  readonly status: ImageSlotStatus;
  readonly image: GeneratedImage | undefined;
  /** The latest preview while it is being made. */
  readonly partial: PartialImage | undefined;
  /** Why it failed: its own error event, or the run's error. */
  readonly error: LunosImageError | undefined;
  /**
   * USD billed for this image: what the Images API stream's usage grew by when it completed, or
   * its share of a JSON answer's cost; `undefined` when the answer says no cost per image.
   */
  readonly cost: number | undefined;
}

const settled: ReadonlySet<ImageSlotStatus> = new Set(['done', 'failed', 'not-made', 'stopped']);

/**
 * The slots of a run that ended: each that is still waiting or previewing becomes `not-made`
 * (the run completed: the provider made fewer), `stopped` (it was aborted) or `failed` with the
 * run's error. Slots that ended on their own keep their status; the list is the same array when
 * nothing changes.
 */
export function settleImageSlots(
  slots: readonly ImageSlot[],
  error?: LunosImageError,
): readonly ImageSlot[] {
  if (slots.every((slot) => settled.has(slot.status))) return slots;
  const status: ImageSlotStatus =
    error === undefined ? 'not-made' : AbortError.isInstance(error) ? 'stopped' : 'failed';
  return Object.freeze(
    slots.map((slot) =>
      settled.has(slot.status)
        ? slot
        : Object.freeze({ ...slot, status, partial: undefined, error }),
    ),
  );
}
