import type { GenerationStatus, ImageApi, ImageSlotStatus } from '@lunos-image/core';
import type { RunImage } from '../gallery/run-record';
import type { ErrorDescription } from './describe-error';
import type { TimelineMark } from './timeline-mark';

/** The latest preview of a slot whose image is still being made (Images API streams). */
export interface PreviewImage extends RunImage {
  /** Which preview of its slot this is: 0, 1, 2… */
  partialIndex: number;
}

/** One image a run asked for: its image, its latest preview, or why it has neither. */
export interface RunSlot {
  index: number;
  /** The hook's `slots[i].status`: waiting, previewing, done, failed, not-made or stopped. */
  status: ImageSlotStatus;
  image: RunImage | undefined;
  preview: PreviewImage | undefined;
  /** Why a failed slot failed, as the API said it. */
  error: string | undefined;
}

/** What the output pane shows: the live run of the hook, or a run from the history. */
export interface RunView {
  source: 'live' | 'history';
  /** The wire of the run: an Images API run has no caption unless its model sends text. */
  api: ImageApi;
  status: GenerationStatus;
  text: string;
  images: readonly RunImage[];
  /**
   * One per image asked for (`n`, 1 on chat), from the start of the run: a slot that got no
   * image says why (failed with its error, not made by the model, stopped). A run from the
   * history has its images only.
   */
  slots: readonly RunSlot[];
  error: ErrorDescription | undefined;
  /** For a live run, since it was submitted; for a finished one, its total. */
  elapsedMs: number;
  bytesReceived: number;
  cost: number | undefined;
  timeline: readonly TimelineMark[];
  /** The requested aspect ratio, for the placeholder frame while the image is on its way. */
  aspectRatio: string | undefined;
}
