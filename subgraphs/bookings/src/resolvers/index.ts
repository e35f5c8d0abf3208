import type { Resolvers } from '../generated/resolvers.js';
import { Mutation } from './mutations.js';
import { Query } from './queries.js';
import { SeatMapChange, Subscription } from './subscriptions.js';
import {
  Booking,
  SeatCancellation,
  SeatPlace,
  SeatHold,
  SeatLayout,
  SeatMap,
  Show,
  Trip,
  User,
  WaitlistEntry,
} from './types.js';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  Show,
  Trip,
  SeatMap,
  SeatLayout,
  SeatPlace,
  SeatMapChange,
  SeatHold,
  Booking,
  SeatCancellation,
  User,
  WaitlistEntry,
};
