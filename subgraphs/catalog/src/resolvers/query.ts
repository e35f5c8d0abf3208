import { parseAfter, parseFirst, parseId } from '@seats/platform';
import { parseMovieFilter } from '../domain/movie.js';
import type { QueryResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof QueryResolvers> = NonNullable<QueryResolvers[K]>;

const movies: Resolver<'movies'> = (_, args, ctx) =>
  ctx.movies.page(parseFirst(args.first), parseAfter(args.after), parseMovieFilter(args));

const movie: Resolver<'movie'> = (_, args, ctx) => ctx.movies.movie(ctx.loaders, parseId(args.id, 'id'));

const trains: Resolver<'trains'> = (_, args, ctx) => ctx.trains.page(parseFirst(args.first), parseAfter(args.after));

const train: Resolver<'train'> = (_, args, ctx) => ctx.trains.train(ctx.loaders, parseId(args.id, 'id'));

const venues: Resolver<'venues'> = (_, __, ctx) => ctx.venues.venues();

const venue: Resolver<'venue'> = (_, args, ctx) => ctx.venues.venue(ctx.loaders, parseId(args.id, 'id'));

export const Query: QueryResolvers = { movies, movie, trains, train, venues, venue };
