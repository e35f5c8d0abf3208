import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { document, firstError, modes } from '@seats/testkit';
import {
  createMovie,
  createTrain,
  movieInput,
  startCatalog,
  trainInput,
  type CatalogFixture,
  type Connection,
} from './support/catalog.js';

type Node = Record<string, string>;
type Paging = { first?: number; after?: string | null };
type Page = Partial<Record<'movies' | 'trains', Connection<Node>>>;

const moviesPage = document<
  { movies: Connection<{ id: string; title: string }> },
  Paging
>(`query($first: Int, $after: String) {
  movies(first: $first, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } }
}`);
const trainsPage = document<{ trains: Connection<Node> }, Paging>(`query($first: Int, $after: String) {
  trains(first: $first, after: $after) { edges { cursor node { id number } } pageInfo { hasNextPage endCursor } }
}`);

describe.each(modes)('cursor pagination (%s)', (mode) => {
  let catalog: CatalogFixture;

  beforeAll(async () => {
    catalog = await startCatalog(mode);
    // Repeated titles make the id the tie-breaker.
    for (const title of ['Delta', 'Alpha', 'Echo', 'Alpha', 'Charlie', 'Bravo', 'Alpha']) {
      await catalog.gql(createMovie, { input: movieInput({ title }) });
    }
    for (const number of ['IC 9', 'IC 10', 'EC 1', 'RE 5', 'IC 11']) {
      await catalog.gql(createTrain, { input: trainInput({ number }) });
    }
  });
  afterAll(() => catalog?.dispose());

  async function walk(
    query: TypedDocumentNode<Page, Paging>,
    field: 'movies' | 'trains',
    first: number,
  ): Promise<Node[]> {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result: ExecutionResult<Page> = await catalog.gql(query, { first, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data![field]!;
      nodes.push(...connection.edges.map((e) => e.node));
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      if (!connection.pageInfo.hasNextPage) return nodes;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it.each([1, 2, 3, 7, 100])('walks every movie once, by title then id, %i at a time', async (first) => {
    const all = (await catalog.gql(moviesPage, { first: 100 })).data!.movies.edges.map((e) => e.node);
    expect(all).toHaveLength(7);
    const sorted = [...all].sort((a, b) => (a.title === b.title ? (a.id < b.id ? -1 : 1) : a.title < b.title ? -1 : 1));
    expect(all).toEqual(sorted);
    expect(await walk(moviesPage, 'movies', first)).toEqual(all);
  });

  it.each([1, 2, 4])('walks every train once, by number, %i at a time', async (first) => {
    const nodes = await walk(trainsPage, 'trains', first);
    expect(nodes.map((n) => n.number)).toEqual(['EC 1', 'IC 10', 'IC 11', 'IC 9', 'RE 5'].sort());
    expect(new Set(nodes.map((n) => n.id)).size).toBe(5);
  });

  it.each([0, 101, -1])('refuses first = %i with BAD_USER_INPUT on first', async (first) => {
    expect(firstError(await catalog.gql(moviesPage, { first }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it.each([
    'garbage',
    Buffer.from('["a"]').toString('base64url'),
    Buffer.from('["a","not-an-id"]').toString('base64url'),
  ])('refuses the cursor %s with BAD_USER_INPUT on after', async (after) => {
    expect(firstError(await catalog.gql(moviesPage, { after }))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(firstError(await catalog.gql(trainsPage, { after }))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
