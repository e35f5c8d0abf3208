import type { MutationResolvers } from '../generated/resolvers.js';

const lockSeats: NonNullable<MutationResolvers['lockSeats']> = (_, { input }, ctx) =>
  ctx.holds.lock(ctx.identity, input);

const lockBestSeats: NonNullable<MutationResolvers['lockBestSeats']> = (_, { input }, ctx) =>
  ctx.bestSeats.lock(ctx.identity, ctx.loaders, input);

const releaseSeats: NonNullable<MutationResolvers['releaseSeats']> = (_, { holdId }, ctx) =>
  ctx.holds.release(ctx.identity, holdId);

const checkout: NonNullable<MutationResolvers['checkout']> = (_, { input }, ctx) =>
  ctx.checkout.checkout(ctx.identity, input);

const cancelSeats: NonNullable<MutationResolvers['cancelSeats']> = (_, { input }, ctx) =>
  ctx.bookings.cancelSeats(ctx.identity, input);

const joinWaitlist: NonNullable<MutationResolvers['joinWaitlist']> = (_, { input }, ctx) =>
  ctx.waitlist.join(ctx.identity, ctx.loaders, input);

const leaveWaitlist: NonNullable<MutationResolvers['leaveWaitlist']> = (_, { id }, ctx) =>
  ctx.waitlist.leave(ctx.identity, id);

const cancelBooking: NonNullable<MutationResolvers['cancelBooking']> = (_, { id }, ctx) =>
  ctx.bookings.cancel(ctx.identity, id);

export const Mutation: MutationResolvers = {
  lockSeats,
  lockBestSeats,
  releaseSeats,
  checkout,
  cancelBooking,
  cancelSeats,
  joinWaitlist,
  leaveWaitlist,
};
