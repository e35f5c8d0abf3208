/**
 * An async iterator fed by pushes, as graphql-ws consumes a subscription.
 * It buffers at most `capacity` results for a reader that falls behind and
 * then calls `overflow` instead of growing without bound. `return()` (the
 * client completed, or the socket closed) runs `onReturn` once.
 */
export class Sink<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private done = false;
  onReturn: (() => void) | undefined;

  constructor(
    private readonly capacity: number,
    private readonly overflow: () => void,
  ) {}

  push(value: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
      return;
    }
    if (this.queue.length >= this.capacity) {
      this.overflow();
      void this.return();
      return;
    }
    this.queue.push(value);
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.queue.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.queue.length = 0;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
      this.onReturn?.();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
