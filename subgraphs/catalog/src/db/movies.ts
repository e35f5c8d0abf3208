import { and, asc, inArray, sql, type SQL } from 'drizzle-orm';
import { toPage, type Page, type Position, type Tx } from '@seats/platform';
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
  const rows = await db
    .select(movieColumns)
    .from(movies)
    .where(
      and(
        ...movieConditions(filter),
        after ? sql`(${movies.title}, ${movies.id}) > (${after[0]}, ${after[1]})` : undefined,
      ),
    )
    .orderBy(asc(movies.title), asc(movies.id))
    .limit(first + 1);
  return toPage(rows, first, (m) => [m.title, m.id]);
}

/** The movies with these ids, in no particular order; unknown ids are left out. */
export async function findMovies(db: Tx, ids: readonly string[]): Promise<MovieModel[]> {
  if (ids.length === 0) return [];
  return db
    .select(movieColumns)
    .from(movies)
    .where(inArray(movies.id, [...ids]));
}

export async function insertMovie(db: Tx, movie: MovieModel): Promise<MovieModel> {
  const [row] = await db.insert(movies).values(movie).returning(movieColumns);
  if (!row) throw new Error('insert into movies returned nothing');
  return row;
}

/**
 * Title text anywhere in the title and a genre among the movie's genres,
 * both ignoring case. `strpos` rather than LIKE, so % and _ in the text
 * are plain characters.
 */
function movieConditions(filter: MovieFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.titleContains !== null) {
    conditions.push(sql`strpos(lower(${movies.title}), lower(${filter.titleContains})) > 0`);
  }
  if (filter.genre !== null) {
    conditions.push(sql`exists (select 1 from unnest(${movies.genres}) as g where lower(g) = lower(${filter.genre}))`);
  }
  return conditions;
}
