import { SseLineRelay, type SseLineWatcher } from './sse-line-relay';

/** An SSE comment line: skipped by every SSE reader, counted as progress by ours. */
export const HEARTBEAT = new TextEncoder().encode(': keep-alive\n');

export interface RelaySseOptions {
  /** Whose pieces no line may carry (`SseLineRelay`). */
  apiKey: string;
  /** Upstream silence after which a heartbeat goes out, and again after each; 0: never. */
  heartbeatMs: number;
  /** The downstream cancelled (the browser left). */
  onCancel: (reason: unknown) => void;
  /** The relay is over, however it ended. */
  onEnd: () => void;
  /** Shown the lines as they go by (`SseLineRelay`). */
  watcher?: SseLineWatcher | undefined;
}

/**
 * An upstream SSE answer as a stream of our own, like `relayBody` (one upstream read per
 * downstream read, nothing queued ahead, the browser leaving cancels the upstream request) with
 * two differences: each read goes through an `SseLineRelay`, so no line carries the key, and
 * while a read waits longer than `heartbeatMs` a `: keep-alive` line goes out, when the stream
 * is at a line start (never inside a line or between a CR and its LF). The heartbeat keeps idle
 * timeouts from cutting a silent generation, and a runtime that notices a closed connection
 * only when it writes cancels this stream within one heartbeat.
 */
export function relaySse(
  body: ReadableStream<Uint8Array>,
  { apiKey, heartbeatMs, onCancel, onEnd, watcher }: RelaySseOptions,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const lines = new SseLineRelay(apiKey, watcher);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;
  const quiet = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const beat = () => {
          if (lines.atLineStart) {
            controller.enqueue(HEARTBEAT);
            lines.inserted(HEARTBEAT);
          }
          timer = setTimeout(beat, heartbeatMs);
        };
        for (;;) {
          if (heartbeatMs > 0) timer = setTimeout(beat, heartbeatMs);
          let read: ReadableStreamReadResult<Uint8Array>;
          try {
            read = await reader.read();
          } catch (error) {
            quiet();
            if (cancelled) return;
            onEnd();
            controller.error(error);
            return;
          }
          quiet();
          if (cancelled) return;
          const pieces = read.done ? lines.end() : lines.push(read.value);
          for (const piece of pieces) controller.enqueue(piece);
          if (read.done) {
            onEnd();
            controller.close();
            return;
          }
          if (pieces.length > 0) return;
        }
      },
      cancel(reason) {
        cancelled = true;
        quiet();
        onCancel(reason);
        onEnd();
        return reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}
