import type { Resolvers } from '../generated/resolvers.js';
import { Coach, LayoutSeat, Movie, Screen, Station, Train, Venue } from './entities.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

/** The catalog's resolver map. */
export const resolvers: Resolvers = { Query, Mutation, Movie, Train, Coach, LayoutSeat, Station, Venue, Screen };
