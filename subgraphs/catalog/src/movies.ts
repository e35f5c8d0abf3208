import { randomUUID } from 'node:crypto';
import { isId, requireAdmin, type Db, type Identity, type Outbox, type Page, type Position } from '@seats/platform';
import { insertMovie, listMovies } from './db/movies.js';
import { validateMovie, type MovieFilter, type MovieInput } from './domain/movie.js';
import type { Loaders } from './loaders.js';
import type { MovieModel } from './models.js';

/** Movies: the pages and lookups anyone may read, and their addition by an admin. */
export class MovieService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {}

  /** Movies matching the filter, by title. */
  page(first: number, after: Position | null, filter: MovieFilter): Promise<Page<MovieModel>> {
    return listMovies(this.db, first, after, filter);
  }

  /** A movie by an id in any case; null for an unknown or malformed one (other subgraphs only pass ids they stored). */
  async movie(loaders: Loaders, id: string): Promise<MovieModel | null> {
    return isId(id) ? loaders.movie.load(id.toLowerCase()) : null;
  }

  /**
   * Adds a movie; emits MovieUpserted in the same transaction, so other
   * subgraphs learn of exactly what was stored.
   */
  async create(caller: Identity | null, input: MovieInput): Promise<MovieModel> {
    requireAdmin(caller, 'change the catalog');
    const draft = validateMovie(input);
    const movie = await this.db.transaction(async (tx) => {
      const row = await insertMovie(tx, { id: randomUUID(), ...draft });
      await this.outbox.record(tx, 'MovieUpserted', {
        movieId: row.id,
        title: row.title,
        durationMinutes: row.durationMinutes,
      });
      return row;
    });
    this.outbox.kick();
    return movie;
  }
}
