import type { BusEvent, EventType } from '../events.js';

export type EventHandler = (event: BusEvent) => Promise<void>;

export interface ConsumerOptions {
  /** Durable name: consumers sharing it split the events between them. */
  durable: string;
  types: EventType[];
  handler: EventHandler;
}

export interface Disposable {
  dispose(): Promise<void>;
}

/**
 * One interface, two implementations: JetStream when NATS_URL is set, and an
 * in-process bus otherwise. Subjects passed here are without the bus prefix.
 */
export interface EventBus extends Disposable {
  readonly kind: 'nats' | 'memory';
  /** Publishes an event; a repeated event id within the dedupe window is dropped. */
  publish(event: BusEvent): Promise<void>;
  /** A durable, at-least-once consumer: the handler's failure redelivers the event later. */
  consume(options: ConsumerOptions): Promise<Disposable>;
  /** Fire-and-forget messages with no persistence (live updates). */
  subscribe(subject: string, handler: (data: unknown) => void): Promise<Disposable>;
  /** Publishes a fire-and-forget message. */
  emit(subject: string, data: unknown): Promise<void>;
  /** Request/reply with a timeout; rejects with BusTimeoutError. */
  request<T>(subject: string, data: unknown, timeoutMs: number): Promise<T>;
  /** Serves a request subject; instances sharing the subject split the load. */
  reply(subject: string, handler: (data: unknown) => Promise<unknown>): Promise<Disposable>;
  /** Throws when the bus cannot be reached. */
  ping(): Promise<void>;
  /**
   * Calls `listener` each time the bus connection comes back after a loss:
   * fire-and-forget messages sent meanwhile may be gone. Returns how to stop.
   */
  onReconnect(listener: () => void): () => void;
}

export class BusTimeoutError extends Error {
  constructor(subject: string) {
    super(`No reply on ${subject} in time`);
  }
}
