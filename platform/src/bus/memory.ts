import type { BusEvent } from '../events.js';
import type { Logger } from '../logger.js';
import { BusTimeoutError, type ConsumerOptions, type Disposable, type EventBus } from './types.js';

const dedupeWindowMs = 120_000;
const retryDelayMs = 200;

/**
 * The embedded bus: same semantics as the JetStream one within one process
 * (dedupe by event id, at-least-once durable consumers with redelivery,
 * load-split replies), nothing kept across restarts: the outbox is the
 * durable record, and the relay publishes whatever was not delivered.
 */
export class MemoryBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly seen = new Map<string, number>();
  private readonly groups = new Map<string, ConsumerOptions[]>();
  private readonly listeners = new Map<string, Set<(data: unknown) => void>>();
  private readonly responders = new Map<string, Array<(data: unknown) => Promise<unknown>>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private turn = 0;
  private closed = false;

  constructor(private readonly log: Logger) {}

  async publish(event: BusEvent): Promise<void> {
    if (this.closed) throw new Error('bus closed');
    this.forgetOld();
    if (this.seen.has(event.id)) return;
    this.seen.set(event.id, Date.now());
    for (const members of this.groups.values()) {
      const interested = members.filter((m) => m.types.includes(event.type));
      const member = interested[this.turn++ % Math.max(interested.length, 1)];
      if (member) this.deliver(member, event, 1);
    }
  }

  async consume(options: ConsumerOptions): Promise<Disposable> {
    const members = this.groups.get(options.durable) ?? [];
    members.push(options);
    this.groups.set(options.durable, members);
    return {
      dispose: async () => {
        const left = (this.groups.get(options.durable) ?? []).filter((m) => m !== options);
        if (left.length > 0) this.groups.set(options.durable, left);
        else this.groups.delete(options.durable);
      },
    };
  }

  async subscribe(subject: string, handler: (data: unknown) => void): Promise<Disposable> {
    const set = this.listeners.get(subject) ?? new Set();
    set.add(handler);
    this.listeners.set(subject, set);
    return { dispose: async () => void set.delete(handler) };
  }

  /** The in-process bus never loses its connection. */
  onReconnect(): () => void {
    return () => {};
  }

  async emit(subject: string, data: unknown): Promise<void> {
    for (const handler of this.listeners.get(subject) ?? []) handler(structuredClone(data));
  }

  async request<T>(subject: string, data: unknown, timeoutMs: number): Promise<T> {
    const handlers = this.responders.get(subject) ?? [];
    const handler = handlers[this.turn++ % Math.max(handlers.length, 1)];
    if (!handler || this.closed) throw new BusTimeoutError(subject);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BusTimeoutError(subject)), timeoutMs);
    });
    try {
      return structuredClone((await Promise.race([handler(structuredClone(data)), timeout])) as T);
    } finally {
      clearTimeout(timer);
    }
  }

  async reply(subject: string, handler: (data: unknown) => Promise<unknown>): Promise<Disposable> {
    const handlers = this.responders.get(subject) ?? [];
    handlers.push(handler);
    this.responders.set(subject, handlers);
    return {
      dispose: async () => {
        this.responders.set(
          subject,
          (this.responders.get(subject) ?? []).filter((h) => h !== handler),
        );
      },
    };
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('bus closed');
  }

  async dispose(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.groups.clear();
    this.listeners.clear();
    this.responders.clear();
  }

  private deliver(member: ConsumerOptions, event: BusEvent, attempt: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      member.handler(structuredClone(event)).catch((err: unknown) => {
        this.log.warn({ err, eventId: event.id, type: event.type, attempt }, 'event handler failed; redelivering');
        const retry = setTimeout(
          () => {
            this.timers.delete(retry);
            this.deliver(member, event, attempt + 1);
          },
          retryDelayMs * Math.min(attempt, 25),
        );
        this.timers.add(retry);
      });
    }, 0);
    this.timers.add(timer);
  }

  private forgetOld(): void {
    const cutoff = Date.now() - dedupeWindowMs;
    for (const [id, at] of this.seen) {
      if (at >= cutoff) break;
      this.seen.delete(id);
    }
  }
}
