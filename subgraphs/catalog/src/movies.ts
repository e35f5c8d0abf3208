import { randomUUID } from 'node:crypto';
import {
  isId,
  NotFoundError,
  parseId,
  requireAdmin,
  type Db,
  type Identity,
  type Outbox,
  type Page,
  type Position,
  type Tx,
} from '@seats/platform';
import { archiveMovie, insertMovie, listMovies, updateMovie } from './db/movies.js';
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
    return this.write((tx) => insertMovie(tx, { id: randomUUID(), ...draft, archivedAt: null }));
  }

  /**
   * Replaces a movie's details (validated as for create). Shows already
   * scheduled keep their times; the new running time counts for those
   * scheduled from now on.
   */
  async update(caller: Identity | null, idInput: string, input: MovieInput): Promise<MovieModel> {
    requireAdmin(caller, 'change the catalog');
    const id = parseId(idInput, 'id');
    const draft = validateMovie(input);
    return this.write((tx) => updateMovie(tx, id, draft));
  }

  /** Archives a movie: listed no more and scheduled no more; its shows stay on sale. Archiving again changes nothing. */
  async archive(caller: Identity | null, idInput: string): Promise<MovieModel> {
    requireAdmin(caller, 'change the catalog');
    const id = parseId(idInput, 'id');
    return this.write((tx) => archiveMovie(tx, id));
  }

  /** Writes a movie and its MovieUpserted in one transaction; NOT_FOUND when `change` finds none. */
  private async write(change: (tx: Tx) => Promise<MovieModel | null>): Promise<MovieModel> {
    const movie = await this.db.transaction(async (tx) => {
      const row = await change(tx);
      if (!row) throw new NotFoundError('Movie');
      await this.outbox.record(tx, 'MovieUpserted', {
        movieId: row.id,
        title: row.title,
        durationMinutes: row.durationMinutes,
        archived: row.archivedAt !== null,
      });
      return row;
    });
    this.outbox.kick();
    return movie;
  }
}
