import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, sql, type EventConsumer } from '@seats/platform';
import { catalogConsumer } from '../src/consumers.js';
import { busEvent, modes, waitFor } from '@seats/testkit';
import { route, seat, startShows, type ShowsFixture } from './support/shows.js';

describe.each(modes)('the catalog projection (%s)', (mode) => {
  let shows: ShowsFixture;
  let projection: EventConsumer;

  beforeAll(async () => {
    shows = await startShows(mode);
    projection = catalogConsumer(shows.db);
  });
  afterAll(() => shows?.dispose());

  const movie = (id: string) => shows.query(sql`select title, duration_minutes from shows.movies where id = ${id}`);

  it('learns movies, screens and trains from the bus', async () => {
    const movieId = randomUUID();
    const screenId = randomUUID();
    const trainId = randomUUID();
    await shows.publish('MovieUpserted', { movieId, title: 'Low Tide', durationMinutes: 90 });
    await shows.publish('ScreenUpserted', {
      screenId,
      venueId: randomUUID(),
      name: 'Screen 9',
      seats: [seat('A1', 'STANDARD'), seat('B1', 'PREMIUM'), seat('B2', 'PREMIUM')],
    });
    const stations: [string, string, string] = [randomUUID(), randomUUID(), randomUUID()];
    const seats = [seat('C1-1', 'SECOND'), seat('C2-1', 'FIRST')];
    await shows.publish('TrainUpserted', { trainId, number: 'RE 4', name: 'Valley', route: route(stations), seats });
    expect(await waitFor(async () => (await movie(movieId))[0])).toEqual({ title: 'Low Tide', duration_minutes: 90 });
    const screen = await waitFor(
      async () => (await shows.query(sql`select categories from shows.screens where id = ${screenId}`))[0],
    );
    expect(screen).toEqual({ categories: ['STANDARD', 'PREMIUM'] });
    const train = await waitFor(
      async () => (await shows.query(sql`select travel_classes, route from shows.trains where id = ${trainId}`))[0],
    );
    expect(train).toEqual({ travel_classes: ['SECOND', 'FIRST'], route: route(stations) });
  });

  it('changes nothing when the same event arrives twice', async () => {
    const movieId = randomUUID();
    const event = busEvent('MovieUpserted', { movieId, title: 'First Light', durationMinutes: 101 });
    await dispatch(projection, event);
    // A redelivery under the same id is recognised even if it looked different.
    await dispatch(projection, { ...event, payload: { ...event.payload, title: 'Changed' } });
    expect(await movie(movieId)).toEqual([{ title: 'First Light', duration_minutes: 101 }]);
    const claims = await shows.query(sql`select consumer from shows.processed_events where event_id = ${event.id}`);
    expect(claims).toEqual([{ consumer: 'shows-catalog' }]);
  });

  it('applies a newer event and ignores an older one that arrives late', async () => {
    const movieId = randomUUID();
    const now = Date.now();
    const newer = busEvent('MovieUpserted', { movieId, title: 'Cut 2', durationMinutes: 120 }, new Date(now));
    const older = busEvent('MovieUpserted', { movieId, title: 'Cut 1', durationMinutes: 110 }, new Date(now - 1000));
    await dispatch(projection, newer);
    await dispatch(projection, older);
    expect(await movie(movieId)).toEqual([{ title: 'Cut 2', duration_minutes: 120 }]);
    const later = busEvent('MovieUpserted', { movieId, title: 'Cut 3', durationMinutes: 130 }, new Date(now + 1000));
    await dispatch(projection, later);
    expect(await movie(movieId)).toEqual([{ title: 'Cut 3', duration_minutes: 130 }]);
  });

  it('rolls back its claim when applying fails, so a redelivery is applied', async () => {
    const failing = catalogConsumer(shows.db);
    const movieId = randomUUID();
    const broken = busEvent('MovieUpserted', {
      movieId,
      title: 'Broken',
      durationMinutes: null as unknown as number,
    });
    await expect(dispatch(failing, broken)).rejects.toThrow();
    expect(await shows.query(sql`select event_id from shows.processed_events where event_id = ${broken.id}`)).toEqual(
      [],
    );
    await dispatch(failing, { ...broken, payload: { ...broken.payload, durationMinutes: 95 } });
    expect(await movie(movieId)).toEqual([{ title: 'Broken', duration_minutes: 95 }]);
  });
});
