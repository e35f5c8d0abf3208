import type { Resolvers } from '../generated/resolvers.js';
import { Mutation } from './mutations.js';
import { Query } from './queries.js';
import { Booking, SeatHold, SeatMap, Show, Trip, User } from './types.js';

export const resolvers: Resolvers = { Query, Mutation, Show, Trip, SeatMap, SeatHold, Booking, User };
