import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { arrayLiteral, selectRows, toPage, type Page, type Position, type Tx } from '@seats/platform';
import type { MovieFilter } from '../domain/movie.js';
import type { MovieModel } from '../models.js';
import { movies } from './schema.js';

/** The catalog's movies. Ids passed in are already validated. */

const movieColumns = {
  id: movies.id,
  title: movies.title,
  description: movies.description,
  durationMinutes: movies.durationMinutes,
  genres: movies.genres,
  ageRating: movies.ageRating,
  languages: movies.languages,
  posterUrl: movies.posterUrl,
  archivedAt: movies.archivedAt,
};

/**
 * Movies matching the filter, ordered by title then id, after a position.
 * The cursor is a position in that order, so it stays valid under any
 * filter and while movies are added.
 */
export async function listMovies(
  db: Tx,
  first: number,
  after: Position | null,
  filter: MovieFilter,
): Promise<Page<MovieModel>> {
  const conditions = [
    sql`m.archived_at is null`,
    ...movieConditions(filter),
    ...(after ? [sql`(m.title, m.id) > (${after[0]}, ${after[1]}::uuid)`] : []),
  ];
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const rows = await selectMovies(db, sql`${where} order by m.title, m.id limit ${first + 1}`);
  return toPage(rows, first, (m) => [m.title, m.id]);
}

/** The movies with these ids, in no particular order; unknown ids are left out. */
export async function findMovies(db: Tx, ids: readonly string[]): Promise<MovieModel[]> {
  if (ids.length === 0) return [];
  return selectMovies(db, sql`where m.id = any(${arrayLiteral(ids)}::uuid[])`);
}

const movieRow = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  duration_minutes: z.number(),
  genres: z.array(z.string()),
  age_rating: z.string().nullable(),
  languages: z.array(z.string()),
  poster_url: z.string().nullable(),
  archived_at: z.coerce.date().nullable(),
});

/**
 * Movies as `m`, with what follows `from` (a filter, an order, a limit).
 * Raw: listing and resolving movies is on every browse, and a raw row
 * costs a fraction of the query builder's.
 */
async function selectMovies(db: Tx, rest: SQL): Promise<MovieModel[]> {
  const rows = await selectRows(
    db,
    movieRow,
    sql`select m.id, m.title, m.description, m.duration_minutes, m.genres, m.age_rating, m.languages, m.poster_url,
          m.archived_at
        from catalog.movies m ${rest}`,
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    durationMinutes: row.duration_minutes,
    genres: row.genres,
    ageRating: row.age_rating,
    languages: row.languages,
    posterUrl: row.poster_url,
    archivedAt: row.archived_at,
  }));
}

export async function insertMovie(db: Tx, movie: MovieModel): Promise<MovieModel> {
  const [row] = await db.insert(movies).values(movie).returning(movieColumns);
  if (!row) throw new Error('insert into movies returned nothing');
  return row;
}

/** Replaces a movie's details; null when there is no such movie. */
export async function updateMovie(
  tx: Tx,
  id: string,
  draft: Omit<MovieModel, 'id' | 'archivedAt'>,
): Promise<MovieModel | null> {
  const [row] = await tx.update(movies).set(draft).where(eq(movies.id, id)).returning(movieColumns);
  return row ?? null;
}

/** Archives a movie (once: archiving it again keeps the first time); null when there is no such movie. */
export async function archiveMovie(tx: Tx, id: string): Promise<MovieModel | null> {
  const [row] = await tx
    .update(movies)
    .set({ archivedAt: sql`coalesce(${movies.archivedAt}, now())` })
    .where(eq(movies.id, id))
    .returning(movieColumns);
  return row ?? null;
}

/**
 * Title text anywhere in the title and a genre among the movie's genres,
 * both ignoring case. `strpos` rather than LIKE, so % and _ in the text
 * are plain characters.
 */
function movieConditions(filter: MovieFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.titleContains !== null) {
    conditions.push(sql`strpos(lower(m.title), lower(${filter.titleContains})) > 0`);
  }
  if (filter.genre !== null) {
    conditions.push(sql`exists (select 1 from unnest(m.genres) as g where lower(g) = lower(${filter.genre}))`);
  }
  return conditions;
}
