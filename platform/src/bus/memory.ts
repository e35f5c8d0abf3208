import { eventSubject } from '../events.js';
import type { Logger } from '../logger.js';
import { dispatch, handles, type EventConsumer } from './consumer.js';
import { admit, ParkedEvents, type MalformedCounts } from './inbound.js';
import { BusTimeoutError, BusUnreachableError, type Disposable, type EventBus, type OutboundEvent } from './types.js';

const dedupeWindowMs = 120_000;
const retryDelayMs = 200;

/**
 * The embedded bus: same semantics as the JetStream one within one process
 * (dedupe by event id, at-least-once durable consumers with redelivery,
 * load-split replies, malformed events parked), nothing kept across
 * restarts: the outbox is the durable record, and the relay publishes
 * whatever was not delivered.
 */
export class MemoryBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly seen = new Map<string, number>();
  private readonly groups = new Map<string, EventConsumer[]>();
  private readonly listeners = new Map<string, Set<(data: unknown) => void>>();
  private readonly responders = new Map<string, Array<(data: unknown) => Promise<unknown>>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private turn = 0;
  private closed = false;

  private readonly parked: ParkedEvents;

  constructor(private readonly log: Logger) {
    this.parked = new ParkedEvents(log);
  }

  async publish(event: OutboundEvent): Promise<void> {
    if (this.closed) throw new Error('bus closed');
    this.forgetOld();
    if (this.seen.has(event.id)) return;
    this.seen.set(event.id, Date.now());
    for (const members of this.groups.values()) {
      const interested = members.filter((m) => handles(m, event.type));
      const member = interested[this.turn++ % Math.max(interested.length, 1)];
      if (member) this.deliver(member, event, 1);
    }
  }

  async consume(consumer: EventConsumer): Promise<Disposable> {
    const members = this.groups.get(consumer.durable) ?? [];
    members.push(consumer);
    this.groups.set(consumer.durable, members);
    return {
      dispose: async () => {
        const left = (this.groups.get(consumer.durable) ?? []).filter((m) => m !== consumer);
        if (left.length > 0) this.groups.set(consumer.durable, left);
        else this.groups.delete(consumer.durable);
      },
    };
  }

  malformedEvents(): MalformedCounts {
    return this.parked.snapshot();
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
    if (!handler || this.closed) throw new BusUnreachableError(subject);
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

  /** No stream: the in-process bus hands events to consumers as they are published. */
  async streamCreatedAt(): Promise<undefined> {
    return undefined;
  }

  async dispose(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.groups.clear();
    this.listeners.clear();
    this.responders.clear();
  }

  private deliver(member: EventConsumer, event: OutboundEvent, attempt: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      // Checked on every delivery, as JetStream consumers do: each gets its own copy.
      const admission = admit(member, structuredClone(event));
      if (admission.action === 'park') {
        this.parked.record(member.durable, eventSubject(event.type), admission.malformed);
        return;
      }
      if (admission.action === 'skip') return;
      dispatch(member, admission.event).catch((err: unknown) => {
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
