import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { document, firstError, modes, waitFor } from '@seats/testkit';
import { entities, future, scheduleScreening, seat, startShows, type ShowsFixture } from './support/shows.js';

const showById = document<{ show: unknown }, { id: string }>(
  'query($id: ID!) { show(id: $id) { id kind movie { id } prices { category amount } } }',
);

describe.each(modes)('reading the schedule (%s)', (mode) => {
  let shows: ShowsFixture;
  const movieId = randomUUID();
  const screenId = randomUUID();
  const schedule = (startsAt: Date) =>
    shows.gql(scheduleScreening, {
      input: { movieId, screenId, startsAt: startsAt.toISOString(), prices: [{ category: 'STANDARD', amount: 900 }] },
    });

  beforeAll(async () => {
    shows = await startShows(mode);
    await shows.publish('MovieUpserted', { movieId, title: 'Low Tide', durationMinutes: 90 });
    await shows.publish('ScreenUpserted', {
      screenId,
      venueId: randomUUID(),
      name: 'Screen 1',
      seats: [seat('A1', 'STANDARD')],
    });
    await waitFor(async () => (await shows.query(sql`select id from shows.screens`))[0]);
    await waitFor(async () => (await shows.query(sql`select id from shows.movies`))[0]);
  });
  afterAll(() => shows?.dispose());

  it('answers show(id) with the show, null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const id = (await schedule(future(1))).data!.scheduleScreening.id;
    expect((await shows.gql(showById, { id })).data?.show).toEqual({
      id,
      kind: 'SCREENING',
      movie: { id: movieId },
      prices: [{ category: 'STANDARD', amount: 900 }],
    });
    expect((await shows.gql(showById, { id: randomUUID() })).data).toEqual({ show: null });
    expect(firstError(await shows.gql(showById, { id: 'show-1' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it("lists a movie's upcoming screenings soonest first, at most 100", async () => {
    const later = (await schedule(future(3))).data!.scheduleScreening.id;
    const sooner = (await schedule(future(2))).data!.scheduleScreening.id;
    const result = await shows.gql(
      entities<{ id: string; shows: Array<{ id: string }> }>('... on Movie { id shows { id } }'),
      {
        reps: [
          { __typename: 'Movie', id: movieId },
          { __typename: 'Movie', id: randomUUID() },
        ],
      },
    );
    const [movie, unknown] = result.data!._entities;
    const ids = movie!.shows.map((s) => s.id);
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
    expect(unknown).toEqual({ id: expect.any(String) as string, shows: [] });
    for (let day = 0; day < 101; day++) await schedule(future(10 + day));
    const many = await shows.gql(entities<{ shows: unknown[] }>('... on Movie { shows { id } }'), {
      reps: [{ __typename: 'Movie', id: movieId }],
    });
    expect(many.data?._entities[0]?.shows).toHaveLength(100);
  });

  it('resolves Show references', async () => {
    const id = (await schedule(future(200))).data!.scheduleScreening.id;
    const result = await shows.gql(entities('... on Show { id kind screen { id } }'), {
      reps: [
        { __typename: 'Show', id },
        { __typename: 'Show', id: randomUUID() },
        { __typename: 'Show', id: 'nope' },
      ],
    });
    expect(result.data?._entities).toEqual([{ id, kind: 'SCREENING', screen: { id: screenId } }, null, null]);
  });
});
