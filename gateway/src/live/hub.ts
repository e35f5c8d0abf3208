import type { Disposable, EventBus, Logger } from '@seats/platform';

/** A live message with the per-source version that orders it. */
export interface Versioned {
  version: number;
}

export type Listener<T extends Versioned> = (message: T) => void;

/**
 * One bus subscription per subject for the whole gateway instance, however
 * many watchers it has; dropped when the last one leaves. Messages reach
 * listeners in version order, each version once: a duplicate or an older
 * version is dropped, and a message that arrives ahead of a missing one
 * waits up to `reorderWindowMs` for it. After that the gap is passed on as
 * it is, and watchers reload (the resync rule).
 */
export class LiveHub<T extends Versioned> {
  private readonly topics = new Map<string, Topic<T>>();

  constructor(
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly reorderWindowMs = 250,
  ) {}

  /** Starts listening to `subject` (once per subject) and returns how to stop. */
  async watch(subject: string, listener: Listener<T>): Promise<Disposable> {
    let topic = this.topics.get(subject);
    if (!topic) {
      topic = new Topic<T>(this.reorderWindowMs);
      this.topics.set(subject, topic);
      topic.subscription = this.bus.subscribe(subject, (data) => topic?.receive(data as T));
    }
    topic.listeners.add(listener);
    const current = topic;
    try {
      await current.subscription;
    } catch (err) {
      this.log.warn({ err, subject }, 'live subscription failed');
      await this.leave(subject, current, listener);
      throw err;
    }
    return { dispose: () => this.leave(subject, current, listener) };
  }

  /** Subjects with at least one watcher (metrics and tests). */
  get subjects(): number {
    return this.topics.size;
  }

  async dispose(): Promise<void> {
    const topics = [...this.topics.values()];
    this.topics.clear();
    await Promise.all(topics.map((t) => t.close()));
  }

  private async leave(subject: string, topic: Topic<T>, listener: Listener<T>): Promise<void> {
    topic.listeners.delete(listener);
    if (topic.listeners.size > 0 || this.topics.get(subject) !== topic) return;
    this.topics.delete(subject);
    await topic.close();
  }
}

class Topic<T extends Versioned> {
  readonly listeners = new Set<Listener<T>>();
  subscription: Promise<Disposable> | undefined;
  private last: number | undefined;
  private readonly early = new Map<number, T>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly reorderWindowMs: number) {}

  receive(message: T): void {
    const { version } = message;
    if (!Number.isSafeInteger(version)) return;
    if (this.last !== undefined && version <= this.last) return;
    if (this.last === undefined || version === this.last + 1) {
      this.deliver(message);
      this.drain();
      return;
    }
    this.early.set(version, message);
    this.timer ??= setTimeout(() => this.giveUpWaiting(), this.reorderWindowMs);
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.listeners.clear();
    await (await this.subscription?.catch(() => undefined))?.dispose();
  }

  private deliver(message: T): void {
    this.last = message.version;
    for (const listener of this.listeners) listener(message);
  }

  /** Delivers waiting messages that are now next in line. */
  private drain(): void {
    for (let next = this.early.get((this.last ?? 0) + 1); next; next = this.early.get((this.last ?? 0) + 1)) {
      this.early.delete(next.version);
      this.deliver(next);
    }
    if (this.early.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** The missing version did not come: pass on what waited, gap and all. */
  private giveUpWaiting(): void {
    this.timer = undefined;
    const waiting = [...this.early.values()].sort((a, b) => a.version - b.version);
    this.early.clear();
    for (const message of waiting) if (this.last === undefined || message.version > this.last) this.deliver(message);
  }
}
