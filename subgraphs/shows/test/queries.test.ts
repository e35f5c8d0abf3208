import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import {
  catalogEvent,
  firstError,
  future,
  scheduleScreening,
  seat,
  startShows,
  waitFor,
  type ShowsFixture,
} from './support/shows.js';

describe('reading the schedule', () => {
  let shows: ShowsFixture;
  const movieId = randomUUID();
  const screenId = randomUUID();
  const schedule = (startsAt: Date) =>
    shows.gql(scheduleScreening, {
      input: { movieId, screenId, startsAt: startsAt.toISOString(), prices: [{ category: 'STANDARD', amount: 900 }] },
    });

  beforeAll(async () => {
    shows = await startShows();
    await shows.bus.publish(catalogEvent('MovieUpserted', { movieId, title: 'Low Tide', durationMinutes: 90 }));
    await shows.bus.publish(
      catalogEvent('ScreenUpserted', {
        screenId,
        venueId: randomUUID(),
        name: 'Screen 1',
        seats: [seat('A1', 'STANDARD')],
      }),
    );
    await waitFor(async () => (await shows.query(sql`select id from shows.screens`))[0]);
    await waitFor(async () => (await shows.query(sql`select id from shows.movies`))[0]);
  });
  afterAll(() => shows?.dispose());

  it('answers show(id) with the show, null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const id = (await schedule(future(1))).data.scheduleScreening.id;
    const query = 'query($id: ID!) { show(id: $id) { id kind movie { id } prices { category amount } } }';
    expect((await shows.gql(query, { id })).data?.show).toEqual({
      id,
      kind: 'SCREENING',
      movie: { id: movieId },
      prices: [{ category: 'STANDARD', amount: 900 }],
    });
    expect((await shows.gql(query, { id: randomUUID() })).data).toEqual({ show: null });
    expect(firstError(await shows.gql(query, { id: 'show-1' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it("lists a movie's upcoming screenings soonest first, at most 100", async () => {
    const later = (await schedule(future(3))).data.scheduleScreening.id;
    const sooner = (await schedule(future(2))).data.scheduleScreening.id;
    const result = await shows.gql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Movie { id shows { id } } } }`,
      {
        reps: [
          { __typename: 'Movie', id: movieId },
          { __typename: 'Movie', id: randomUUID() },
        ],
      },
    );
    const [movie, unknown] = result.data?._entities;
    const ids = movie.shows.map((s: { id: string }) => s.id);
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
    expect(unknown).toEqual({ id: expect.any(String), shows: [] });
    for (let day = 0; day < 101; day++) await schedule(future(10 + day));
    const many = await shows.gql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Movie { shows { id } } } }`,
      {
        reps: [{ __typename: 'Movie', id: movieId }],
      },
    );
    expect(many.data?._entities[0].shows).toHaveLength(100);
  });

  it('resolves Show references', async () => {
    const id = (await schedule(future(200))).data.scheduleScreening.id;
    const result = await shows.gql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Show { id kind screen { id } } } }`,
      {
        reps: [
          { __typename: 'Show', id },
          { __typename: 'Show', id: randomUUID() },
          { __typename: 'Show', id: 'nope' },
        ],
      },
    );
    expect(result.data?._entities).toEqual([{ id, kind: 'SCREENING', screen: { id: screenId } }, null, null]);
  });
});
