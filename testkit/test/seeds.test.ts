import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type BusEvent } from '@seats/platform';
import { createShow, modes, openTestBus, recordEvents, testEnvironment, waitFor, type TestBus } from '../src/index.js';

const log = createLogger('seeds-test', testEnvironment.logLevel);

type Seeded = BusEvent<'ScreenUpserted' | 'TrainUpserted' | 'ShowScheduled'>;

/** The layout event of the seeded layout and the ShowScheduled of the seeded show. */
const about = (layoutId: string, showId: string) => (event: Seeded) => {
  switch (event.type) {
    case 'ScreenUpserted':
      return event.payload.screenId === layoutId;
    case 'TrainUpserted':
      return event.payload.trainId === layoutId;
    case 'ShowScheduled':
      return event.payload.showId === showId;
  }
};

describe.each(modes)('seed builders (%s)', (mode) => {
  let transport: TestBus;
  let delivered: Seeded[];

  beforeAll(async () => {
    transport = await openTestBus(mode, { name: 'seeds-test', log });
    delivered = await recordEvents(transport.bus, 'seeds-test', ['ScreenUpserted', 'TrainUpserted', 'ShowScheduled']);
  });
  afterAll(() => transport?.dispose());

  /** The two events of a seeded show, once a consumer got them (the bus parks any that fails the contract). */
  const eventsOf = (layoutId: string, showId: string) =>
    waitFor(() => {
      const mine = delivered.filter(about(layoutId, showId));
      return mine.length === 2 ? mine : undefined;
    });

  it('publishes a screening as ScreenUpserted and ShowScheduled that pass the contract', async () => {
    const show = await createShow(transport.bus);
    const [screen, scheduled] = await eventsOf(show.layoutId, show.showId);
    expect(screen).toMatchObject({ type: 'ScreenUpserted', payload: { screenId: show.layoutId, seats: show.seats } });
    expect(scheduled).toMatchObject({
      type: 'ShowScheduled',
      payload: {
        showId: show.showId,
        kind: 'SCREENING',
        layoutId: show.layoutId,
        startsAt: show.startsAt,
        legCount: 1,
        prices: show.prices,
      },
    });
    expect(show.seatIds).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4']);
    expect(show.stations).toEqual([]);
  });

  it('publishes a trip as TrainUpserted with its route and ShowScheduled with a leg per pair of stops', async () => {
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    startsAt.setUTCSeconds(0, 0);
    const show = await createShow(transport.bus, { kind: 'TRIP', stops: 4, startsAt, currency: 'CHF' });
    const [train, scheduled] = await eventsOf(show.layoutId, show.showId);
    expect(train?.type === 'TrainUpserted' && train.payload.route.map((stop) => stop.stationId)).toEqual(show.stations);
    expect(scheduled?.payload).toMatchObject({ kind: 'TRIP', legCount: 3, startsAt: startsAt.toISOString() });
    expect(show.stations).toHaveLength(4);
    expect(show.prices.every((price) => price.currency === 'CHF')).toBe(true);
    expect(show.seatIds).toEqual(['C1-1', 'C1-2', 'C1-3', 'C1-4', 'C2-1', 'C2-2', 'C2-3', 'C2-4']);
  });

  it('refuses a route of fewer than two stops', async () => {
    await expect(createShow(transport.bus, { kind: 'TRIP', stops: 1 })).rejects.toThrow();
  });
});
