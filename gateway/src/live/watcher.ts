import type { WebSocket } from 'ws';
import { CloseCode } from './close-codes.js';

/** What a watcher uses of its WebSocket. */
export type LiveSocket = Pick<WebSocket, 'readyState' | 'OPEN' | 'bufferedAmount' | 'send' | 'close'>;

/** Bytes waiting on a socket above which it gets no frame until it has drained: it is owed the latest one instead. */
const behindBytes = 256 * 1024;
/** How often a socket that is behind is looked at again. */
const recheckMs = 100;
/** How long a socket may stay behind before it counts as gone (it reconnects and reloads). */
const maxBehindMs = 30_000;

/**
 * One client subscription as graphql-ws sees it: an async iterator that
 * yields nothing and ends when the client completes it or the socket
 * closes (graphql-ws then calls `return()`). Results do not pass through
 * graphql-ws, which would serialise each one per watcher: the fan-out
 * serialises a frame once and `send` puts this watcher's id in front.
 *
 * A socket that reads slower than frames come falls behind: while more
 * than `behindBytes` wait on it, it is sent nothing and owed only the
 * latest frame, which goes out once it has drained. Its versions then
 * show a gap, and the client reloads the map: the latest state, never a
 * growing queue. One that stays behind, or lets `maxBuffered` bytes pile
 * up, is closed with 1013 (try again later).
 */
export class Watcher implements AsyncIterableIterator<never> {
  private done = false;
  private wake: ((result: IteratorResult<never>) => void) | undefined;
  private readonly prefix: Buffer;
  private owed: Buffer | undefined;
  private behindSince = 0;
  private recheck: NodeJS.Timeout | undefined;
  /** Runs once when the subscription ends. */
  onReturn: (() => void) | undefined;

  constructor(
    private readonly socket: LiveSocket,
    id: string,
    /** Bytes the socket may have waiting before its reader counts as too slow. */
    private readonly maxBuffered: number,
  ) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  }

  /** Sends a `next` message; `frame` is the payload's JSON followed by the message's closing brace. */
  send(frame: Buffer): void {
    if (this.done || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBuffered) return this.tooSlow();
    if (this.socket.bufferedAmount > behindBytes) {
      this.owed = frame;
      this.behindSince ||= Date.now();
      this.recheck ??= setTimeout(() => this.catchUp(), recheckMs);
      return;
    }
    this.owed = undefined;
    this.behindSince = 0;
    this.socket.send(Buffer.concat([this.prefix, frame]), { binary: false });
  }

  next(): Promise<IteratorResult<never>> {
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.wake = resolve));
  }

  return(): Promise<IteratorResult<never>> {
    if (!this.done) {
      this.done = true;
      clearTimeout(this.recheck);
      this.owed = undefined;
      this.wake?.({ value: undefined, done: true });
      this.wake = undefined;
      this.onReturn?.();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Sends the owed frame once the socket has drained enough; gives up on one that stays behind. */
  private catchUp(): void {
    this.recheck = undefined;
    const owed = this.owed;
    if (!owed || this.done) return;
    if (this.socket.bufferedAmount <= behindBytes) return this.send(owed);
    if (Date.now() - this.behindSince > maxBehindMs) return this.tooSlow();
    this.recheck = setTimeout(() => this.catchUp(), recheckMs);
  }

  private tooSlow(): void {
    this.socket.close(CloseCode.TryAgainLater, 'Too slow to read live updates');
    void this.return();
  }
}
