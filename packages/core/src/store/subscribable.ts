/**
 * The listener set shared by the stores. `subscribe` is bound in the constructor so it can be
 * handed to `useSyncExternalStore` as is; subclasses hear when the first listener arrives and the
 * last one leaves.
 */
export class Subscribable {
  protected readonly listeners = new Set<() => void>();

  constructor() {
    this.subscribe = this.subscribe.bind(this);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.onFirstSubscriber();
    return () => {
      if (!this.listeners.delete(listener)) return;
      if (this.listeners.size === 0) this.onLastUnsubscribe();
    };
  }

  protected notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  protected onFirstSubscriber(): void {}
  protected onLastUnsubscribe(): void {}
}
