import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { firstError, modes, waitFor } from '@seats/testkit';
import { addMinutes, future, scheduleScreening, seat, startShows, user, type ShowsFixture } from './support/shows.js';

const duration = 100;

describe.each(modes)('scheduling screenings (%s)', (mode) => {
  let shows: ShowsFixture;
  const movieId = randomUUID();
  const screenId = randomUUID();
  const otherScreenId = randomUUID();
  const prices = [
    { category: 'STANDARD', amount: 1200 },
    { category: 'PREMIUM', amount: 1800 },
  ];
  const input = (startsAt: Date, overrides: Record<string, unknown> = {}) => ({
    movieId,
    screenId,
    startsAt: startsAt.toISOString(),
    prices,
    ...overrides,
  });
  const schedule = (startsAt: Date, overrides: Record<string, unknown> = {}) =>
    shows.gql(scheduleScreening, { input: input(startsAt, overrides) });

  beforeAll(async () => {
    shows = await startShows(mode);
    const venueId = randomUUID();
    const seats = [seat('A1', 'STANDARD'), seat('A2', 'STANDARD'), seat('B1', 'PREMIUM')];
    await shows.publish('MovieUpserted', { movieId, title: 'Salt and Copper', durationMinutes: duration });
    await shows.publish('ScreenUpserted', { screenId, venueId, name: 'Screen 1', seats });
    await shows.publish('ScreenUpserted', { screenId: otherScreenId, venueId, name: 'Screen 2', seats });
    await waitFor(async () => (await shows.query(sql`select id from shows.screens`)).length === 2 || undefined);
    await waitFor(async () => (await shows.query(sql`select id from shows.movies`))[0]);
  });
  afterAll(() => shows?.dispose());

  it('schedules a screening and records ShowScheduled in the same transaction', async () => {
    const startsAt = future(1);
    const result = await schedule(startsAt);
    expect(result.errors).toBeUndefined();
    const show = result.data!.scheduleScreening;
    expect(show).toEqual({
      id: expect.any(String) as string,
      kind: 'SCREENING',
      startsAt: startsAt.toISOString(),
      endsAt: addMinutes(startsAt, duration).toISOString(),
      status: 'SCHEDULED',
      movie: { id: movieId },
      screen: { id: screenId },
      train: null,
      stops: [],
      prices: [
        { category: 'PREMIUM', amount: 1800, currency: 'EUR' },
        { category: 'STANDARD', amount: 1200, currency: 'EUR' },
      ],
    });
    const payload = {
      showId: show.id,
      kind: 'SCREENING',
      layoutId: screenId,
      startsAt: startsAt.toISOString(),
      legCount: 1,
      prices: [
        { category: 'PREMIUM', amount: 1800, currency: 'EUR' },
        { category: 'STANDARD', amount: 1200, currency: 'EUR' },
      ],
    };
    const rows = await shows.query(sql`select type, payload from shows.outbox where payload->>'showId' = ${show.id}`);
    expect(rows).toEqual([{ type: 'ShowScheduled', payload }]);
    const event = await waitFor(() => shows.published.find((e) => e.payload.showId === show.id));
    expect(event.payload).toEqual(payload);
  });

  it('refuses anonymous callers and users', async () => {
    const anonymous = await shows.gql(scheduleScreening, { input: input(future(2)) }, null);
    expect(firstError(anonymous)?.code).toBe('UNAUTHENTICATED');
    const signedIn = await shows.gql(scheduleScreening, { input: input(future(2)) }, user);
    expect(firstError(signedIn)?.code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for a movie or screen the catalog has not announced', async () => {
    expect(firstError(await schedule(future(3), { movieId: randomUUID() }))?.code).toBe('NOT_FOUND');
    expect(firstError(await schedule(future(3), { screenId: randomUUID() }))?.code).toBe('NOT_FOUND');
  });

  it.each([
    ['a malformed movie id', { movieId: 'm-1' }, 'input.movieId'],
    ['a malformed screen id', { screenId: '' }, 'input.screenId'],
    ['a start in the past', { startsAt: new Date(Date.now() - 60_000).toISOString() }, 'input.startsAt'],
    ['a start that is no date', { startsAt: 'tomorrow evening' }, 'input.startsAt'],
    ['a date without a time', { startsAt: '2031-02-03' }, 'input.startsAt'],
    ['an impossible date', { startsAt: '2031-02-30T10:00:00Z' }, 'input.startsAt'],
    ['a missing category', { prices: [{ category: 'STANDARD', amount: 1 }] }, 'input.prices'],
    [
      'an unknown category',
      {
        prices: [
          { category: 'STANDARD', amount: 1 },
          { category: 'PREMIUM', amount: 1 },
          { category: 'VIP', amount: 1 },
        ],
      },
      'input.prices',
    ],
    [
      'a category priced twice',
      {
        prices: [
          { category: 'STANDARD', amount: 1 },
          { category: 'STANDARD', amount: 2 },
          { category: 'PREMIUM', amount: 1 },
        ],
      },
      'input.prices',
    ],
    [
      'a negative amount',
      {
        prices: [
          { category: 'STANDARD', amount: -1 },
          { category: 'PREMIUM', amount: 1 },
        ],
      },
      'input.prices[0].amount',
    ],
    [
      'an amount over 1,000,000',
      {
        prices: [
          { category: 'STANDARD', amount: 1 },
          { category: 'PREMIUM', amount: 1_000_001 },
        ],
      },
      'input.prices[1].amount',
    ],
    ['a lower-case currency', { currency: 'eur' }, 'input.currency'],
  ])('refuses %s with BAD_USER_INPUT on its field and stores nothing', async (_, overrides, field) => {
    const before = await shows.query(sql`select count(*)::int as n from shows.shows`);
    expect(firstError(await schedule(future(4), overrides))).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await shows.query(sql`select count(*)::int as n from shows.shows`)).toEqual(before);
  });

  it('accepts amounts of 0 and 1,000,000 and another currency', async () => {
    const result = await schedule(future(5), {
      currency: 'CHF',
      prices: [
        { category: 'PREMIUM', amount: 1_000_000 },
        { category: 'STANDARD', amount: 0 },
      ],
    });
    expect(result.data?.scheduleScreening.prices).toEqual([
      { category: 'PREMIUM', amount: 1_000_000, currency: 'CHF' },
      { category: 'STANDARD', amount: 0, currency: 'CHF' },
    ]);
  });

  it('keeps the length of the movie plus a 15-minute cleaning buffer free around each screening', async () => {
    const first = future(10);
    expect((await schedule(first)).errors).toBeUndefined();
    const busy = [addMinutes(first, duration + 14), addMinutes(first, -duration - 14), addMinutes(first, 30), first];
    for (const startsAt of busy) {
      expect(firstError(await schedule(startsAt))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.startsAt' });
    }
    expect((await schedule(addMinutes(first, duration + 15))).errors).toBeUndefined();
    expect((await schedule(addMinutes(first, -duration - 15))).errors).toBeUndefined();
    expect((await schedule(first, { screenId: otherScreenId })).errors).toBeUndefined();
  });

  it('lets only one of several concurrent schedulings of one slot through', async () => {
    const startsAt = future(20);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => schedule(addMinutes(startsAt, i * 5))));
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    const refusals = results.map((r) => firstError(r)).filter(Boolean);
    expect(refusals).toEqual(Array.from({ length: 7 }, () => ({ code: 'BAD_USER_INPUT', field: 'input.startsAt' })));
  });

  it('ignores cancelled screenings when checking for overlaps', async () => {
    const startsAt = future(30);
    const show = (await schedule(startsAt)).data!.scheduleScreening;
    await shows.query(sql`update shows.shows set status = 'CANCELLED' where id = ${show.id}`);
    expect((await schedule(startsAt)).errors).toBeUndefined();
  });
});
