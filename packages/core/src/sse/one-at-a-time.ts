/**
 * `pull`, called so that a call made while another is still pending waits for it: an async
 * iterator whose `next()` is called twice without awaiting must not read its source twice at
 * once, or hand out results out of order. A rejection reaches the calls queued behind it too.
 */
export function oneAtATime<T>(pull: () => Promise<T>): (() => Promise<T>) & { busy(): boolean } {
  let pending: Promise<T> | undefined;
  const call = (): Promise<T> => {
    if (pending) return pending.then(call);
    const current = pull();
    pending = current;
    const clear = () => {
      if (pending === current) pending = undefined;
    };
    current.then(clear, clear);
    return current;
  };
  /** A call is pending or queued: a caller with a fast path must queue behind it too. */
  return Object.assign(call, { busy: () => pending !== undefined });
}
