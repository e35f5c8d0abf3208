import type { Resolvers } from '../generated/resolvers.js';
import { Mutation } from './mutations.js';
import { Query } from './queries.js';
import { SeatMapChange, Subscription } from './subscriptions.js';
import { Booking, SeatHold, SeatMap, Show, Trip, User } from './types.js';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  Show,
  Trip,
  SeatMap,
  SeatMapChange,
  SeatHold,
  Booking,
  User,
};
