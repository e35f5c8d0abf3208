import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { MemoryBus } from '../src/bus/memory.js';
import { NatsBus } from '../src/bus/nats.js';
import type { EventBus } from '../src/bus/types.js';
import type { BusEvent, EventPayloads } from '../src/events.js';
import { createLogger } from '../src/logger.js';

const log = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
const natsUrl = process.env.TEST_NATS_URL;

/** The in-process bus always; JetStream too when TEST_NATS_URL is given. In CI it must be. */
const kinds: Array<'memory' | 'nats'> = (() => {
  if (natsUrl) return ['memory', 'nats'];
  if (process.env.CI) throw new Error('CI must set TEST_NATS_URL: the JetStream bus suite may not be skipped');
  return ['memory'];
})();

const movie = (): EventPayloads['MovieUpserted'] => ({ movieId: randomUUID(), title: 'Low Tide', durationMinutes: 90 });
const envelope = () => ({ id: randomUUID(), occurredAt: new Date().toISOString() });

/** Polls until `check` holds, or fails after `timeoutMs`. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(kinds)('malformed events on the %s bus', (kind) => {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const durable = 'malformed-test';
  let bus: EventBus;
  let raw: NatsConnection | undefined;
  const handled: Array<BusEvent<'MovieUpserted'>> = [];

  beforeAll(async () => {
    bus =
      natsUrl && kind === 'nats' ? await NatsBus.connect(natsUrl, prefix, 'malformed-test', log) : new MemoryBus(log);
    if (kind === 'nats') raw = await connect({ servers: natsUrl });
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
    if (bus instanceof NatsBus) await bus.manager.streams.delete(bus.streamName).catch(() => false);
    await raw?.close();
    await bus?.dispose();
  });

  /** Puts bytes on the stream as a broken producer would. */
  const publishBytes = async (data: string, subject = `${prefix}.events.catalog.MovieUpserted`) => {
    await raw?.jetstream().publish(subject, new TextEncoder().encode(data), { msgID: randomUUID() });
  };

  it('parks an event whose payload fails its schema and handles the good event after it', async () => {
    const bad = { ...envelope(), type: 'MovieUpserted' as const, payload: { ...movie(), durationMinutes: 'long' } };
    const badId = { ...envelope(), id: 'not-a-uuid', type: 'MovieUpserted' as const, payload: movie() };
    await bus.publish(bad);
    await bus.publish(badId);
    if (kind === 'nats') {
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

    await until(() => handled.some((event) => event.id === good.id));
    expect(handled).toEqual([good]);
    const expected =
      kind === 'nats' ? { json: 1, envelope: 1, type: 1, payload: 1 } : { json: 0, envelope: 1, type: 0, payload: 1 };
    await until(() => bus.malformedEvents().payload === 1);
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
    await until(() => attempts === 2);
  });
});
