import { intInRange, listOf, matching, optionalHttpsUrl, optionalText, text, unique } from './rules.js';

/** A movie as an admin submits it. */
export interface MovieInput {
  title: string;
  description?: string | null;
  durationMinutes: number;
  genres?: readonly string[] | null;
  ageRating?: string | null;
  languages?: readonly string[] | null;
  posterUrl?: string | null;
}

/** A validated movie, ready to store. */
export interface MovieDraft {
  title: string;
  description: string;
  durationMinutes: number;
  genres: string[];
  ageRating: string | null;
  languages: string[];
  posterUrl: string | null;
}

export const movieLimits = { titleMax: 200, descriptionMax: 2000, durationMin: 1, durationMax: 600 } as const;

const genreMax = 40;
const languagePattern = /^[a-z]{2}$/;

/**
 * Validates a new movie; the first problem is thrown as BAD_USER_INPUT with
 * its path under `input` (e.g. `input.durationMinutes`, `input.genres[1]`).
 */
export function validateMovie(input: MovieInput): MovieDraft {
  const title = text(input.title, 'input.title', movieLimits.titleMax);
  const description = text(input.description ?? '', 'input.description', movieLimits.descriptionMax, 0);
  const durationMinutes = intInRange(
    input.durationMinutes,
    'input.durationMinutes',
    movieLimits.durationMin,
    movieLimits.durationMax,
  );
  const genres = listOf(input.genres, 'input.genres', 0, 10).map((g, i) => text(g, `input.genres[${i}]`, genreMax));
  unique(
    genres,
    (i) => `input.genres[${i}]`,
    (g) => g.toLowerCase(),
  );
  const ageRating = optionalText(input.ageRating, 'input.ageRating', 10);
  const languages = listOf(input.languages, 'input.languages', 0, 20).map((l, i) =>
    matching(l.trim(), `input.languages[${i}]`, languagePattern, 'a two-letter ISO 639-1 code in lower case'),
  );
  unique(
    languages,
    (i) => `input.languages[${i}]`,
    (l) => l,
  );
  const posterUrl = optionalHttpsUrl(input.posterUrl, 'input.posterUrl');
  return { title, description, durationMinutes, genres, ageRating, languages, posterUrl };
}

/** What `movies` may be narrowed to; null means no condition. */
export interface MovieFilter {
  titleContains: string | null;
  genre: string | null;
}

/**
 * Validates the filter arguments of `movies`: blank means no condition,
 * longer than a title or a genre can be is BAD_USER_INPUT on the argument.
 */
export function parseMovieFilter(args: { titleContains?: string | null; genre?: string | null }): MovieFilter {
  return {
    titleContains: optionalText(args.titleContains, 'titleContains', movieLimits.titleMax),
    genre: optionalText(args.genre, 'genre', genreMax),
  };
}
