import type { GenerationStatus, ImageApi } from '@lunos-image/core';
import type { RunImage } from '../gallery/run-record';
import type { ErrorDescription } from './describe-error';
import type { TimelineMark } from './timeline-mark';

/** The latest preview of a slot whose image is still being made (Images API streams). */
export interface PreviewImage extends RunImage {
  /** Which preview of its slot this is: 0, 1, 2… */
  partialIndex: number;
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
   * The images asked for (`n`, 1 on chat): one slot each while the run goes. An answer with
   * fewer images is fewer slots, not an error.
   */
  slots: number;
  /** By slot, the latest preview while the slot's image is being made; empty on chat. */
  partials: readonly (PreviewImage | undefined)[];
  error: ErrorDescription | undefined;
  /** For a live run, since it was submitted; for a finished one, its total. */
  elapsedMs: number;
  bytesReceived: number;
  cost: number | undefined;
  timeline: readonly TimelineMark[];
  /** The requested aspect ratio, for the placeholder frame while the image is on its way. */
  aspectRatio: string | undefined;
}
