/**
 * Events for suites: built and published as another subgraph's outbox
 * would, and collected as a consumer of the bus receives them.
 */
import { randomUUID } from 'node:crypto';
import type { BusEvent, EventBus, EventHandlers, EventPayloads, EventType } from '@seats/platform';

/**
 * An event of the contract as an outbox would relay it: a fresh id, the
 * time it occurred (now by default).
 */
export function busEvent<T extends EventType>(
  type: T,
  payload: EventPayloads[T],
  occurredAt = new Date(),
): BusEvent<T> {
  return { id: randomUUID(), type, occurredAt: occurredAt.toISOString(), payload };
}

/** Publishes an event of the contract on the bus, as its source subgraph would; returns it. */
export async function publishEvent<T extends EventType>(
  bus: EventBus,
  type: T,
  payload: EventPayloads[T],
  occurredAt?: Date,
): Promise<BusEvent<T>> {
  const event = busEvent(type, payload, occurredAt);
  await bus.publish(event);
  return event;
}

/**
 * Consumes the given types under a durable name of its own and collects
 * every event the bus delivers, in delivery order (a redelivered event
 * appears again), for as long as the bus runs. Start it before what it
 * should see is published: the in-process bus delivers only to consumers
 * that exist by then (JetStream hands a new consumer the whole stream).
 *
 * @example
 * const published = await recordEvents(bus, 'catalog-test-recorder', ['MovieUpserted']);
 * await waitFor(() => published.find((e) => e.payload.movieId === id));
 */
export async function recordEvents<T extends EventType>(
  bus: EventBus,
  durable: string,
  types: readonly T[],
): Promise<Array<BusEvent<T>>> {
  const events: Array<BusEvent<T>> = [];
  const wanted = new Set<EventType>(types);
  // The parameter names BusEvent<T> too: a generic BusEvent<T> does not relate to the union by itself.
  const isWanted = (event: BusEvent | BusEvent<T>): event is BusEvent<T> => wanted.has(event.type);
  const collect = async (event: BusEvent) => {
    if (isWanted(event)) events.push(event);
  };
  const handlers: EventHandlers = Object.fromEntries(types.map((type) => [type, collect]));
  await bus.consume({ durable, handlers });
  return events;
}
