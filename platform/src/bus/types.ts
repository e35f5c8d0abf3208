import type { EventType } from '../events.js';
import type { EventConsumer } from './consumer.js';
import type { MalformedCounts } from './inbound.js';

/**
 * An event as a producer hands it to the bus. It was typed when the outbox
 * recorded it; the bus checks it against the contract on the way out to each
 * consumer, not on the way in.
 */
export interface OutboundEvent {
  id: string;
  type: EventType;
  occurredAt: string;
  payload: unknown;
}

/** How long the event stream keeps an event (its max age). */
export const eventRetentionMs = 7 * 24 * 3600_000;

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
  publish(event: OutboundEvent): Promise<void>;
  /**
   * Starts a durable, at-least-once consumer: each event of a type it has a
   * handler for is checked against the contract and handed to that handler;
   * a handler's failure redelivers the event later. A message that fails the
   * check is parked: logged with its id and subject, counted in
   * `malformedEvents()`, and never redelivered.
   */
  consume(consumer: EventConsumer): Promise<Disposable>;
  /** The messages this bus's consumers parked since it started, by reason. */
  malformedEvents(): MalformedCounts;
  /** Fire-and-forget messages with no persistence (live updates). */
  subscribe(subject: string, handler: (data: unknown) => void): Promise<Disposable>;
  /** Publishes a fire-and-forget message. */
  emit(subject: string, data: unknown): Promise<void>;
  /**
   * Request/reply with a timeout; rejects with BusUnreachableError when
   * certainly no responder got it, else with BusTimeoutError.
   */
  request<T>(subject: string, data: unknown, timeoutMs: number): Promise<T>;
  /** Serves a request subject; instances sharing the subject split the load. */
  reply(subject: string, handler: (data: unknown) => Promise<unknown>): Promise<Disposable>;
  /** Throws when the bus cannot be reached. */
  ping(): Promise<void>;
  /**
   * When the event stream was created, or undefined where there is none
   * (the in-process bus). Events published before then are not in it: the
   * server lost its data and the stream was made anew.
   */
  streamCreatedAt(): Promise<Date | undefined>;
  /**
   * The in-process bus, which keeps nothing across a restart: calls
   * `listener` with each published event's id once every consumer that
   * wants it has handled it. JetStream keeps events itself and never calls.
   * Returns how to stop.
   */
  onConsumed(listener: (eventId: string) => void): () => void;
  /**
   * Calls `listener` each time the bus connection comes back after a loss:
   * fire-and-forget messages sent meanwhile may be gone. Returns how to stop.
   */
  onReconnect(listener: () => void): () => void;
}

/**
 * A request that certainly reached no responder (none was listening, or
 * the connection was closed before it went out): nothing handled it.
 */
export class BusUnreachableError extends Error {
  constructor(subject: string) {
    super(`No responder took the request on ${subject}`);
  }
}

/** A request whose reply did not come in time: a responder may or may not have handled it. */
export class BusTimeoutError extends Error {
  constructor(subject: string) {
    super(`No reply on ${subject} in time`);
  }
}
