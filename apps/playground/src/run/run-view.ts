import type { GenerationStatus } from '@lunos-image/core';
import type { RunImage } from '../gallery/run-record';
import type { ErrorDescription } from './describe-error';
import type { TimelineMark } from './timeline-mark';

/** What the output pane shows: the live run of the hook, or a run from the history. */
export interface RunView {
  source: 'live' | 'history';
  status: GenerationStatus;
  text: string;
  images: readonly RunImage[];
  error: ErrorDescription | undefined;
  /** For a live run, since it was submitted; for a finished one, its total. */
  elapsedMs: number;
  bytesReceived: number;
  cost: number | undefined;
  timeline: readonly TimelineMark[];
  /** The requested aspect ratio, for the placeholder frame while the image is on its way. */
  aspectRatio: string | undefined;
}
