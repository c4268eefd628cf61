/**
 * The upstream body as a stream of our own that pulls one upstream read per downstream read (a
 * high-water mark of 0: nothing is queued ahead of the browser, so memory stays flat for any
 * image size and each keep-alive comment goes out the moment it arrives). When the downstream
 * cancels (the browser went away), `onCancel` aborts the upstream request itself, not only the
 * read. `onEnd` is told how the body ended: `done`, `failed` (an upstream read threw) or
 * `cancelled`.
 */
export function relayBody(
  body: ReadableStream<Uint8Array>,
  onCancel: (reason: unknown) => void,
  onEnd: (how: 'done' | 'failed' | 'cancelled') => void,
  /** Shown each read as it goes by. */
  watch?: (chunk: Uint8Array) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch (error) {
          onEnd('failed');
          controller.error(error);
          return;
        }
        if (read.done) {
          onEnd('done');
          controller.close();
        } else {
          watch?.(read.value);
          controller.enqueue(read.value);
        }
      },
      cancel(reason) {
        onCancel(reason);
        onEnd('cancelled');
        return reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}
