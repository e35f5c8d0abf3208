import { eventTypes, type BusEvent, type EventType } from '../events.js';

/** Handles one event of type K; a throw (or rejection) redelivers the event later. */
export type EventHandler<K extends EventType> = (event: BusEvent<K>) => Promise<void>;

/** A handler per event type a consumer takes; each receives its event narrowed to that type. */
export type EventHandlers = { [K in EventType]?: EventHandler<K> };

/**
 * A durable consumer: the bus hands it every event of the types it has
 * handlers for, validated against the contract, at least once.
 *
 * @example
 * await bus.consume({
 *   durable: 'bookings-payments',
 *   handlers: { PaymentSucceeded: (event) => bookings.confirm(event.payload.bookingId, event.payload.paymentId) },
 * });
 */
export interface EventConsumer {
  /** Durable name: consumers sharing it split the events between them. */
  durable: string;
  handlers: EventHandlers;
}

/** The event types a consumer has handlers for. */
export function handledTypes(consumer: EventConsumer): EventType[] {
  return eventTypes.filter((type) => handles(consumer, type));
}

/** Whether a consumer has a handler for the type. */
export function handles(consumer: EventConsumer, type: EventType): boolean {
  return consumer.handlers[type] !== undefined;
}

/**
 * Runs the consumer's handler for the event's type, as the bus does once the
 * event passed its schema; an event of a type it does not handle is done.
 * Tests call it directly to stand in for a redelivery.
 */
export async function dispatch<K extends EventType>(consumer: EventConsumer, event: BusEvent<K>): Promise<void> {
  const handler: EventHandler<K> | undefined = consumer.handlers[event.type];
  await handler?.(event);
}
