import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { document, firstError, modes } from '@seats/testkit';
import { createMovie, movieInput, startCatalog, type CatalogFixture, type Connection } from './support/catalog.js';

interface Filter {
  titleContains?: string;
  genre?: string;
}

type Listed = { id: string; title: string; genres: string[] };

type Page = { movies: Connection<Listed> };

const page = document<
  Page,
  Filter & { first?: number; after?: string | null }
>(`query($first: Int, $after: String, $titleContains: String, $genre: String) {
  movies(first: $first, after: $after, titleContains: $titleContains, genre: $genre) {
    edges { cursor node { id title genres } }
    pageInfo { hasNextPage endCursor }
  }
}`);

const catalogue: Array<[string, string[]]> = [
  ['The Night Ferry', ['Drama', 'Thriller']],
  ['Night Shift', ['Comedy']],
  ['Nightingale', ['Drama']],
  ['Midnight Orchard', ['Science Fiction', 'drama']],
  ['Daybreak', ['Drama']],
  ['100% Night_Owl', ['Documentary']],
  ['Night Shift', ['Drama']],
];

describe.each(modes)('filtering movies (%s)', (mode) => {
  let catalog: CatalogFixture;

  beforeAll(async () => {
    catalog = await startCatalog(mode);
    for (const [title, genres] of catalogue) await catalog.gql(createMovie, { input: movieInput({ title, genres }) });
  });
  afterAll(() => catalog?.dispose());

  const titles = async (filter: Filter, first = 100) =>
    (await catalog.gql(page, { first, ...filter })).data?.movies.edges.map((e) => e.node.title);

  /** Every page of a filtered list, following endCursor. */
  async function walk(filter: Filter, first: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const result: ExecutionResult<Page> = await catalog.gql(page, { first, after, ...filter });
      expect(result.errors).toBeUndefined();
      const connection = result.data!.movies;
      ids.push(...connection.edges.map((e) => e.node.id));
      if (!connection.pageInfo.hasNextPage) return ids;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it('finds titles containing the text anywhere, ignoring case', async () => {
    expect(await titles({ titleContains: 'NIGHT' })).toEqual([
      '100% Night_Owl',
      'Midnight Orchard',
      'Night Shift',
      'Night Shift',
      'Nightingale',
      'The Night Ferry',
    ]);
  });

  it('treats % and _ in the text as plain characters', async () => {
    expect(await titles({ titleContains: '100%' })).toEqual(['100% Night_Owl']);
    expect(await titles({ titleContains: 't_o' })).toEqual(['100% Night_Owl']);
    expect(await titles({ titleContains: '%' })).toEqual(['100% Night_Owl']);
  });

  it('finds movies of a genre, ignoring case, and combines both filters', async () => {
    expect(await titles({ genre: 'drama' })).toEqual([
      'Daybreak',
      'Midnight Orchard',
      'Night Shift',
      'Nightingale',
      'The Night Ferry',
    ]);
    expect(await titles({ genre: 'Drama', titleContains: 'shift' })).toEqual(['Night Shift']);
    expect(await titles({ genre: 'Western' })).toEqual([]);
  });

  it('treats blank filters as no filter', async () => {
    expect(await titles({ titleContains: '  ', genre: '' })).toHaveLength(catalogue.length);
  });

  it.each([1, 2, 3])('walks a filtered list %i at a time, each match once, in title order', async (first) => {
    const all = (await catalog.gql(page, { first: 100, titleContains: 'night', genre: 'drama' })).data?.movies.edges;
    expect(all).toHaveLength(4);
    expect(await walk({ titleContains: 'night', genre: 'drama' }, first)).toEqual(all!.map((e) => e.node.id));
  });

  it('continues a filtered list from a cursor after new movies arrive', async () => {
    const firstPage = (await catalog.gql(page, { first: 2, genre: 'drama' })).data?.movies;
    await catalog.gql(createMovie, { input: movieInput({ title: 'Aardvark Dawn', genres: ['Drama'] }) });
    await catalog.gql(createMovie, { input: movieInput({ title: 'Zebra Dusk', genres: ['Drama'] }) });
    const next = await catalog.gql(page, { first: 100, after: firstPage!.pageInfo.endCursor, genre: 'drama' });
    expect(next.data?.movies.edges.map((e) => e.node.title)).toEqual([
      'Night Shift',
      'Nightingale',
      'The Night Ferry',
      'Zebra Dusk',
    ]);
  });

  it.each([
    ['a title text over 200 characters', { titleContains: 'x'.repeat(201) }, 'titleContains'],
    ['a genre over 40 characters', { genre: 'x'.repeat(41) }, 'genre'],
  ])('refuses %s with BAD_USER_INPUT on the argument', async (_, filter, field) => {
    expect(firstError(await catalog.gql(page, filter))).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});
