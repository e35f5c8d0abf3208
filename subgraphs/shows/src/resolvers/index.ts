import { DateTime } from '@seats/platform';
import type { Resolvers } from '../generated/resolvers.js';
import { Movie, Show, ShowStop, Train, Trip } from './entities.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

/** The schedule's resolver map. */
export const resolvers: Resolvers = { DateTime, Query, Mutation, Show, ShowStop, Movie, Train, Trip };
