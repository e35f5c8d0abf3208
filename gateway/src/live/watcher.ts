import type { WebSocket } from 'ws';
import { CloseCode } from './close-codes.js';

/**
 * One client subscription as graphql-ws sees it: an async iterator that
 * yields nothing and ends when the client completes it or the socket
 * closes (graphql-ws then calls `return()`). Results do not pass through
 * graphql-ws, which would serialise each one per watcher: the fan-out
 * serialises a result once and `send` frames it with this watcher's id.
 */
export class Watcher implements AsyncIterableIterator<never> {
  private done = false;
  private wake: ((result: IteratorResult<never>) => void) | undefined;
  /** Runs once when the subscription ends. */
  onReturn: (() => void) | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly id: string,
    /** Bytes the socket may have waiting before its reader counts as too slow. */
    private readonly maxBuffered: number,
  ) {}

  /** Sends a `next` message whose payload is already JSON. */
  send(payload: string): void {
    if (this.done || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBuffered) {
      this.socket.close(CloseCode.TryAgainLater, 'Too slow to read live updates');
      void this.return();
      return;
    }
    this.socket.send(`{"id":${JSON.stringify(this.id)},"type":"next","payload":${payload}}`);
  }

  next(): Promise<IteratorResult<never>> {
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.wake = resolve));
  }

  return(): Promise<IteratorResult<never>> {
    if (!this.done) {
      this.done = true;
      this.wake?.({ value: undefined, done: true });
      this.wake = undefined;
      this.onReturn?.();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
