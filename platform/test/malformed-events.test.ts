import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { modes, openTestBus, testEnvironment, waitFor, type TestBus } from '../../testkit/src/index.js';
import { NatsBus } from '../src/bus/nats.js';
import type { EventBus } from '../src/bus/types.js';
import type { BusEvent, EventPayloads } from '../src/events.js';
import { createLogger } from '../src/logger.js';

const log = createLogger('test', testEnvironment.logLevel);

const movie = (): EventPayloads['MovieUpserted'] => ({ movieId: randomUUID(), title: 'Low Tide', durationMinutes: 90 });
const envelope = () => ({ id: randomUUID(), occurredAt: new Date().toISOString() });

/** The in-process bus (embedded) and JetStream (services). */
describe.each(modes)('malformed events on the bus (%s)', (mode) => {
  const durable = 'malformed-test';
  let transport: TestBus;
  let bus: EventBus;
  let raw: NatsConnection | undefined;
  const handled: Array<BusEvent<'MovieUpserted'>> = [];

  beforeAll(async () => {
    transport = await openTestBus(mode, { name: 'malformed-test', log });
    bus = transport.bus;
    if (transport.natsUrl) raw = await connect({ servers: transport.natsUrl });
    await bus.consume({
      durable,
      handlers: {
        MovieUpserted: async (event) => void handled.push(event),
        // A second source widens the JetStream filter to every event, so the consumer also sees types it skips.
        UserRegistered: async () => {},
      },
    });
  });
  afterAll(async () => {
    await raw?.close();
    await transport?.dispose();
  });

  /** Puts bytes on the stream as a broken producer would. */
  const publishBytes = async (data: string, subject = `${transport.prefix}.events.catalog.MovieUpserted`) => {
    await raw?.jetstream().publish(subject, new TextEncoder().encode(data), { msgID: randomUUID() });
  };

  it('parks an event whose payload fails its schema and handles the good event after it', async () => {
    const bad = { ...envelope(), type: 'MovieUpserted' as const, payload: { ...movie(), durationMinutes: 'long' } };
    const badId = { ...envelope(), id: 'not-a-uuid', type: 'MovieUpserted' as const, payload: movie() };
    await bus.publish(bad);
    await bus.publish(badId);
    if (bus.kind === 'nats') {
      await publishBytes('{"id": "truncated');
      await publishBytes(JSON.stringify({ ...envelope(), type: 'MovieDeleted', payload: {} }));
    }
    // Valid, of a type this consumer has no handler for: acknowledged, not counted.
    await bus.publish({
      ...envelope(),
      type: 'SeatsHeld',
      payload: { showId: randomUUID(), seatIds: ['A1'], fromStop: null, toStop: null, version: 1 },
    });
    const good = { ...envelope(), type: 'MovieUpserted' as const, payload: movie() };
    await bus.publish(good);

    await waitFor(() => handled.some((event) => event.id === good.id));
    expect(handled).toEqual([good]);
    const expected =
      bus.kind === 'nats'
        ? { json: 1, envelope: 1, type: 1, payload: 1 }
        : { json: 0, envelope: 1, type: 0, payload: 1 };
    await waitFor(() => bus.malformedEvents().payload === 1);
    expect(bus.malformedEvents()).toEqual(expected);
  });

  it('never redelivers a parked event', async () => {
    // Longer than the handler-failure backoff of both buses: a redelivery would have come.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(handled).toHaveLength(1);
    const counts = bus.malformedEvents();
    expect(counts.payload + counts.envelope).toBe(2);
    if (bus instanceof NatsBus) {
      const info = await bus.manager.consumers.info(bus.streamName, durable);
      expect({ pending: info.num_pending, unacked: info.num_ack_pending, redelivered: info.num_redelivered }).toEqual({
        pending: 0,
        unacked: 0,
        redelivered: 0,
      });
    }
  });

  it('still redelivers an event whose handler failed', async () => {
    const event = { ...envelope(), type: 'MovieUpserted' as const, payload: movie() };
    let attempts = 0;
    await bus.consume({
      durable: 'failing-once',
      handlers: {
        MovieUpserted: async ({ id }) => {
          // JetStream hands a new durable the whole stream; only this event matters here.
          if (id === event.id && ++attempts === 1) throw new Error('database away');
        },
      },
    });
    await bus.publish(event);
    await waitFor(() => attempts === 2);
  });
});
