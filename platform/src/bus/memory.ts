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
 * restarts: the outbox is the durable record. It keeps each event until
 * every consumer has handled it (onConsumed), and what a process left
 * unconsumed is published again when the next one starts.
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
  /** Per event id: how many consumer groups have yet to handle it. */
  private readonly unconsumed = new Map<string, number>();
  private readonly consumedListeners = new Set<(eventId: string) => void>();

  private readonly parked: ParkedEvents;

  constructor(private readonly log: Logger) {
    this.parked = new ParkedEvents(log);
  }

  async publish(event: OutboundEvent): Promise<void> {
    if (this.closed) throw new Error('bus closed');
    this.forgetOld();
    if (this.seen.has(event.id)) return;
    this.seen.set(event.id, Date.now());
    const chosen: EventConsumer[] = [];
    for (const members of this.groups.values()) {
      const interested = members.filter((m) => handles(m, event.type));
      const member = interested[this.turn++ % Math.max(interested.length, 1)];
      if (member) chosen.push(member);
    }
    this.unconsumed.set(event.id, chosen.length);
    if (chosen.length === 0) this.later(() => this.handled(event.id));
    for (const member of chosen) this.deliver(member, event, 1);
  }

  /**
   * Calls `listener` with each published event's id once every consumer
   * group that wants it has handled it (or parked it): until then the
   * outbox keeps the event, since this bus keeps nothing across a restart.
   */
  onConsumed(listener: (eventId: string) => void): () => void {
    this.consumedListeners.add(listener);
    return () => this.consumedListeners.delete(listener);
  }

  /** One consumer group is done with the event. */
  private handled(eventId: string): void {
    const left = (this.unconsumed.get(eventId) ?? 1) - 1;
    if (left > 0) {
      this.unconsumed.set(eventId, left);
      return;
    }
    this.unconsumed.delete(eventId);
    for (const listener of this.consumedListeners) {
      try {
        listener(eventId);
      } catch (err) {
        this.log.warn({ err, eventId }, 'consumed-event listener failed');
      }
    }
  }

  private later(run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, 0);
    this.timers.add(timer);
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
        this.handled(event.id);
        return;
      }
      if (admission.action === 'skip') return this.handled(event.id);
      dispatch(member, admission.event).then(
        () => this.handled(event.id),
        (err: unknown) => {
          this.log.warn({ err, eventId: event.id, type: event.type, attempt }, 'event handler failed; redelivering');
          const retry = setTimeout(
            () => {
              this.timers.delete(retry);
              this.deliver(member, event, attempt + 1);
            },
            retryDelayMs * Math.min(attempt, 25),
          );
          this.timers.add(retry);
        },
      );
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
