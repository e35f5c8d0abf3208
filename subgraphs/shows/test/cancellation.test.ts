import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { document, firstError, modes, waitFor } from '@seats/testkit';
import {
  admin,
  entities,
  future,
  scheduleScreening,
  seat,
  startShows,
  user,
  type ShowsFixture,
} from './support/shows.js';

const cancelShow = document<{ cancelShow: { id: string; status: string; startsAt: string } }, { id: string }>(
  `mutation($id: ID!) { cancelShow(id: $id) { id status startsAt } }`,
);

describe.each(modes)('cancelling shows (%s)', (mode) => {
  let shows: ShowsFixture;
  const movieId = randomUUID();
  const screenId = randomUUID();
  const schedule = async (startsAt: Date): Promise<string> => {
    const input = {
      movieId,
      screenId,
      startsAt: startsAt.toISOString(),
      prices: [{ category: 'STANDARD', amount: 900 }],
    };
    const result = await shows.gql(scheduleScreening, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleScreening.id;
  };
  const announcements = (showId: string) =>
    shows.query<{ payload: unknown }>(
      sql`select payload from shows.outbox where type = 'ShowCancelled' and payload->>'showId' = ${showId}`,
    );

  beforeAll(async () => {
    shows = await startShows(mode);
    await shows.publish('MovieUpserted', { movieId, title: 'Low Tide', durationMinutes: 90 });
    await shows.publish('ScreenUpserted', {
      screenId,
      venueId: randomUUID(),
      name: 'One',
      seats: [seat('A1', 'STANDARD')],
    });
    await waitFor(async () => (await shows.query(sql`select id from shows.screens`))[0]);
    await waitFor(async () => (await shows.query(sql`select id from shows.movies`))[0]);
  });
  afterAll(() => shows?.dispose());

  it('cancels a show and announces ShowCancelled with the admin, once however often it is asked', async () => {
    const id = await schedule(future(1));
    const first = await shows.gql(cancelShow, { id });
    expect(first.data?.cancelShow).toMatchObject({ id, status: 'CANCELLED' });
    expect(await announcements(id)).toEqual([{ payload: { showId: id, cancelledBy: admin.userId } }]);
    const second = await shows.gql(cancelShow, { id });
    expect(second.data?.cancelShow).toMatchObject({ id, status: 'CANCELLED' });
    expect(await announcements(id)).toHaveLength(1);
    await waitFor(() => shows.published.find((e) => e.type === 'ShowCancelled' && e.payload.showId === id));
  });

  it('frees the screen for another screening and drops the show from the upcoming ones', async () => {
    const startsAt = future(2);
    const id = await schedule(startsAt);
    await shows.gql(cancelShow, { id });
    const replacement = await schedule(startsAt);
    const listed = await shows.gql(entities<{ shows: Array<{ id: string }> }>('... on Movie { shows { id } }'), {
      reps: [{ __typename: 'Movie', id: movieId }],
    });
    const ids = listed.data?._entities[0]!.shows.map((s) => s.id);
    expect(ids).toContain(replacement);
    expect(ids).not.toContain(id);
  });

  it('refuses to cancel a show that is over', async () => {
    const id = await schedule(future(3));
    await shows.query(
      sql`update shows.shows set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = ${id}`,
    );
    expect(firstError(await shows.gql(cancelShow, { id }))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await announcements(id)).toEqual([]);
  });

  it('refuses anonymous callers and clients, unknown and malformed ids', async () => {
    const id = await schedule(future(4));
    expect(firstError(await shows.gql(cancelShow, { id }, null))?.code).toBe('UNAUTHENTICATED');
    expect(firstError(await shows.gql(cancelShow, { id }, user))?.code).toBe('FORBIDDEN');
    expect(firstError(await shows.gql(cancelShow, { id: randomUUID() }))?.code).toBe('NOT_FOUND');
    expect(firstError(await shows.gql(cancelShow, { id: 'nope' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await announcements(id)).toEqual([]);
  });
});
