/**
 * The listener set of every store and observer. `subscribe` is bound in the constructor so it can
 * be handed to `useSyncExternalStore` as is. Subclasses hear when the first listener arrives, when
 * the last one leaves, and, one tick after that if no one came back, that they are unobserved:
 * React's StrictMode (and `<Activity>`) unsubscribe and subscribe again within the tick, and a
 * run must survive that, so work is only stopped in `onUnobserved`.
 */
export class Subscribable {
  protected readonly listeners = new Set<() => void>();
  #unobservedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.subscribe = this.subscribe.bind(this);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      clearTimeout(this.#unobservedTimer);
      this.#unobservedTimer = undefined;
      this.onFirstSubscriber();
    }
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      this.onLastUnsubscribe();
      this.#unobservedTimer = setTimeout(() => {
        this.#unobservedTimer = undefined;
        if (this.listeners.size === 0) this.onUnobserved();
      }, 0);
    };
  }

  /** Whether anyone listens. */
  get observed(): boolean {
    return this.listeners.size > 0;
  }

  protected notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  protected onFirstSubscriber(): void {}
  /** The last listener left just now; it may come back within the tick. */
  protected onLastUnsubscribe(): void {}
  /** No listener for a whole tick: stop what only listeners needed. */
  protected onUnobserved(): void {}
}
