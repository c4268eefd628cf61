/**
 * Lets a pending wait not keep the process alive where the runtime can say so (Node and Bun
 * timers have `unref`; browsers, Deno's numbers and workers have nothing to unref). Returns the
 * handle for `clearTimeout`.
 */
export function unrefTimer<T>(handle: T): T {
  (handle as { unref?: () => void } | null)?.unref?.();
  return handle;
}
