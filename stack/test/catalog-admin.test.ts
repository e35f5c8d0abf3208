import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { codes, createScreening } from './support/builders.js';

const update = `mutation Update($id: ID!, $input: CreateMovieInput!) { updateMovie(id: $id, input: $input) { id title durationMinutes archived } }`;
const archive = `mutation Archive($id: ID!) { archiveMovie(id: $id) { id archived } }`;
const schedule = `mutation Schedule($input: ScheduleScreeningInput!) { scheduleScreening(input: $input) { id } }`;

describe.each(modes)('editing and archiving movies (%s)', (mode) => {
  let t: TestStack;
  let admin: string;
  let buyer: TestUser;
  let showId: string;
  let movieId: string;
  let screenId: string;
  const tag = randomBytes(4).toString('hex');

  beforeAll(async () => {
    t = await startTestStack(mode);
    admin = await t.adminToken();
    buyer = await t.register();
    showId = await createScreening(t, admin, `Draft ${tag}`, { rowNames: ['A'], seatsPerRow: 4 });
    const show = await t.gql<{ show: { movie: { id: string }; screen: { id: string } } }>(
      'query($id: ID!) { show(id: $id) { movie { id } screen { id } } }',
      { id: showId },
    );
    movieId = show.data!.show.movie.id;
    screenId = show.data!.show.screen.id;
  });
  afterAll(() => t?.dispose());

  const listed = async (text: string) =>
    (
      await t.gql<{ movies: { edges: Array<{ node: { id: string } }> } }>(
        'query($text: String) { movies(first: 10, titleContains: $text) { edges { node { id } } } }',
        { text },
      )
    ).data!.movies.edges.map((e) => e.node.id);
  const scheduleAgain = () =>
    t.gql(
      schedule,
      {
        input: {
          movieId,
          screenId,
          startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
          prices: [{ category: 'STANDARD', amount: 1000 }],
        },
      },
      admin,
    );

  it("replaces a movie's details, which its shows then show", async () => {
    const input = { title: `Final Cut ${tag}`, durationMinutes: 95, genres: ['Drama'] };
    const result = await t.gql(update, { id: movieId, input }, admin);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      updateMovie: { title: `Final Cut ${tag}`, durationMinutes: 95, archived: false },
    });
    expect(await listed(`final cut ${tag}`)).toEqual([movieId]);
    const show = await t.gql<{ show: { movie: { title: string } } }>(
      'query($id: ID!) { show(id: $id) { movie { title } } }',
      {
        id: showId,
      },
    );
    expect(show.data!.show.movie.title).toBe(`Final Cut ${tag}`);
  });

  it('archives a movie: listed and scheduled no more, its shows stay on sale', async () => {
    const archived = await t.gql(archive, { id: movieId }, admin);
    expect(archived.data).toEqual({ archiveMovie: { id: movieId, archived: true } });
    expect(await t.gql(archive, { id: movieId }, admin)).toMatchObject({ data: { archiveMovie: { archived: true } } });
    expect(await listed(tag)).toEqual([]);
    // The schedule hears of it from MovieUpserted, a moment later.
    const refused = await waitFor(async () => {
      const sent = await scheduleAgain();
      return codes(sent)[0] === 'BAD_USER_INPUT' ? sent : undefined;
    }, 15_000);
    expect(refused.errors![0]!.extensions?.field).toBe('input.movieId');
    const held = await t.gql(
      'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
      {
        input: { showId, seatIds: ['A1'] },
      },
      buyer.token,
    );
    expect(held.errors).toBeUndefined();
  });

  it('is for admins only, validates the details, and knows its movies', async () => {
    const input = { title: 'Mine Now', durationMinutes: 90 };
    expect(codes(await t.gql(update, { id: movieId, input }, buyer.token))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(archive, { id: movieId }, buyer.token))).toEqual(['FORBIDDEN']);
    const blank = await t.gql(update, { id: movieId, input: { title: ' ', durationMinutes: 90 } }, admin);
    expect(codes(blank)).toEqual(['BAD_USER_INPUT']);
    expect(blank.errors![0]!.extensions?.field).toBe('input.title');
    expect(codes(await t.gql(update, { id: movieId, input: { title: 'X', durationMinutes: 0 } }, admin))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await t.gql(archive, { id: randomUUID() }, admin))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(archive, { id: 'movie-1' }, admin))).toEqual(['BAD_USER_INPUT']);
    const show = await t.gql<{ show: { movie: { title: string } } }>(
      'query($id: ID!) { show(id: $id) { movie { title } } }',
      {
        id: showId,
      },
    );
    expect(show.data!.show.movie.title).toBe(`Final Cut ${tag}`);
  });
});
