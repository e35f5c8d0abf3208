import { parseId } from '@seats/platform';
import type { QueryResolvers } from '../generated/resolvers.js';

const booking: NonNullable<QueryResolvers['booking']> = (_, { id }, ctx) => ctx.bookings.visible(ctx.identity, id);

const bookings: NonNullable<QueryResolvers['bookings']> = (_, { filter, first, after }, ctx) =>
  ctx.backOffice.bookings(ctx.identity, filter, first, after);

const waitlistEntry: NonNullable<QueryResolvers['waitlistEntry']> = (_, { id }, ctx) =>
  ctx.waitlist.visible(ctx.identity, id);

const hold: NonNullable<QueryResolvers['hold']> = (_, { id }, ctx) => ctx.holds.visible(ctx.identity, id);

const seatLayout: NonNullable<QueryResolvers['seatLayout']> = (_, { id }, ctx) =>
  ctx.catalog.layoutById(ctx.loaders, parseId(id, 'id'));

export const Query: QueryResolvers = { booking, bookings, hold, seatLayout, waitlistEntry };
