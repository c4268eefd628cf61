import type { SseItem } from '../sse/sse-item';
import type { ImageStreamEvent } from './image-stream-event';

/**
 * What turns one wire's SSE items into `ImageStreamEvent`s: `ImageStreamInterpreter` (chat
 * completions) and `ImagesStreamInterpreter` (the Images API). A reader picks one by wire and
 * drives both the same way.
 */
export interface StreamInterpreter {
  /** The run completed, even if `[DONE]` never comes: a dropped connection is not a cut run. */
  readonly finished: boolean;
  /** `[DONE]` arrived or an error was reported: nothing after this matters. */
  readonly done: boolean;
  /** One SSE item → the events it carries (often none). */
  push(item: SseItem): ImageStreamEvent[];
  /** The body ended: the closing `finish`, or `StreamTruncatedError` when the run was cut. */
  end(bytesReceived: number): ImageStreamEvent[];
}
