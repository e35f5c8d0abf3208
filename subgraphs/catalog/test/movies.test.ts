import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { document, firstError, modes, waitFor } from '@seats/testkit';
import { createMovie, movieInput, startCatalog, user, type CatalogFixture } from './support/catalog.js';

const movieEntities = document<
  { _entities: Array<{ id: string; title: string; durationMinutes: number } | null> },
  { reps: Array<Record<string, unknown>> }
>(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Movie { id title durationMinutes } } }`);

describe.each(modes)('movies (%s)', (mode) => {
  let catalog: CatalogFixture;

  beforeAll(async () => {
    catalog = await startCatalog(mode);
  });
  afterAll(() => catalog?.dispose());

  const outboxFor = (movieId: string) =>
    catalog.query<{ id: string; type: string; payload: unknown }>(
      sql`select id, type, payload from catalog.outbox where payload->>'movieId' = ${movieId}`,
    );

  it('creates a movie and records MovieUpserted in the same transaction', async () => {
    const result = await catalog.gql(createMovie, { input: movieInput({ title: '  Salt and Copper ' }) });
    expect(result.errors).toBeUndefined();
    const movie = result.data!.createMovie;
    expect(movie).toMatchObject({
      title: 'Salt and Copper',
      durationMinutes: 112,
      genres: ['Drama'],
      languages: ['en'],
    });
    const payload = { movieId: movie.id, title: 'Salt and Copper', durationMinutes: 112 };
    const [row, ...more] = await outboxFor(movie.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ type: 'MovieUpserted', payload });
    const event = await waitFor(() => catalog.published.find((e) => e.id === row?.id));
    expect(event).toMatchObject({ type: 'MovieUpserted', payload });
  });

  it('refuses anonymous callers with UNAUTHENTICATED and users with FORBIDDEN', async () => {
    const anonymous = await catalog.gql(createMovie, { input: movieInput() }, null);
    expect(firstError(anonymous)?.code).toBe('UNAUTHENTICATED');
    const signedIn = await catalog.gql(createMovie, { input: movieInput() }, user);
    expect(firstError(signedIn)?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['a blank title', { title: '   ' }, 'input.title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'input.title'],
    ['a description over 2000 characters', { description: 'x'.repeat(2001) }, 'input.description'],
    ['a duration of 0', { durationMinutes: 0 }, 'input.durationMinutes'],
    ['a duration of 601', { durationMinutes: 601 }, 'input.durationMinutes'],
    ['a repeated genre', { genres: ['Drama', 'drama'] }, 'input.genres[1]'],
    ['a language that is not ISO 639-1', { languages: ['en', 'english'] }, 'input.languages[1]'],
    ['a long age rating', { ageRating: 'x'.repeat(11) }, 'input.ageRating'],
    ['a plain http poster', { posterUrl: 'http://img.example/a.jpg' }, 'input.posterUrl'],
    ['a poster that is no URL', { posterUrl: 'not a url' }, 'input.posterUrl'],
  ])('refuses %s with BAD_USER_INPUT on its field and stores nothing', async (_, overrides, field) => {
    const title = `Refused ${randomUUID()}`;
    const result = await catalog.gql(createMovie, { input: movieInput({ title, ...overrides }) });
    expect(firstError(result)).toEqual({ code: 'BAD_USER_INPUT', field });
    const stored = await catalog.query(sql`select id from catalog.movies where title = ${title}`);
    expect(stored).toEqual([]);
  });

  it('accepts the boundaries of the duration range', async () => {
    for (const durationMinutes of [1, 600]) {
      const result = await catalog.gql(createMovie, { input: movieInput({ durationMinutes }) });
      expect(result.data?.createMovie.durationMinutes).toBe(durationMinutes);
    }
  });

  it('answers movie(id) with null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const unknown = await catalog.gql('query($id: ID!) { movie(id: $id) { id } }', { id: randomUUID() });
    expect(unknown).toEqual({ data: { movie: null } });
    const malformed = await catalog.gql('query($id: ID!) { movie(id: $id) { id } }', { id: 'nope' });
    expect(firstError(malformed)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('resolves Movie references for other subgraphs', async () => {
    const created = await catalog.gql(createMovie, { input: movieInput({ title: 'Referenced' }) });
    const id = created.data!.createMovie.id;
    const result = await catalog.gql(movieEntities, {
      reps: [
        { __typename: 'Movie', id },
        { __typename: 'Movie', id: randomUUID() },
        { __typename: 'Movie', id: 'x' },
      ],
    });
    expect(result.data?._entities).toEqual([{ id, title: 'Referenced', durationMinutes: 112 }, null, null]);
  });
});
