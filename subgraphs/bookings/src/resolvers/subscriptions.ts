import {
  BadRequestError,
  isId,
  NotFoundError,
  seatMapDeltaSchema,
  seatMapFrameSchema,
  type SeatMapFrame,
} from '@seats/platform';
import type { Context } from '../context.js';
import type {
  SeatMapChangeResolvers,
  SubscriptionResolvers,
  SubscriptionSeatMapChangedArgs,
} from '../generated/resolvers.js';
import type { SeatMapChangeModel } from '../models.js';

const servedByGateway = 'seatMapChanged is served by the gateway over graphql-ws';

/**
 * The gateway subscribes to the show's live messages and runs this field
 * once per message (see BaseContext.sourceEvent); bookings itself has no
 * subscription transport, so `subscribe` is never the way in.
 */
const seatMapChanged: NonNullable<SubscriptionResolvers['seatMapChanged']> = {
  subscribe: () => {
    throw new BadRequestError(servedByGateway);
  },
  resolve: resolveSeatMapChange,
};

async function resolveSeatMapChange(
  _root: unknown,
  { showId, fromStop, toStop }: SubscriptionSeatMapChangedArgs,
  ctx: Context,
): Promise<SeatMapChangeModel> {
  const frame = parseFrame(ctx.sourceEvent);
  if (!frame || !isId(showId) || frame.showId !== showId.toLowerCase()) throw new BadRequestError(servedByGateway);
  const change = await ctx.catalog.change(ctx.loaders, frame, fromStop, toStop);
  if (!change) throw new NotFoundError('Show');
  return change;
}

export const Subscription: SubscriptionResolvers = { seatMapChanged };

export const SeatMapChange: SeatMapChangeResolvers = {
  show: (c) => ({ id: c.frame.showId }),
  version: (c) => lastChange(c.frame).version,
  fromVersion: (c) => firstChange(c.frame).version,
  change: (c) => lastChange(c.frame).change,
  fromStop: (c) => c.legs.fromStop,
  toStop: (c) => c.legs.toStop,
  seats: (c, _, ctx) => ctx.catalog.seatsOfChange(ctx.loaders, c),
  seatIndexes: async (c, _, ctx) => (await ctx.catalog.compactChange(ctx.loaders, c)).seatIndexes,
  statuses: async (c, _, ctx) => (await ctx.catalog.compactChange(ctx.loaders, c)).statuses,
};

/**
 * The source event as the gateway passed it on: a frame of consecutive
 * changes, or (from a gateway that sends them one by one) a single change.
 */
function parseFrame(value: unknown): SeatMapFrame | undefined {
  const frame = seatMapFrameSchema.safeParse(value);
  if (frame.success) return frame.data;
  const delta = seatMapDeltaSchema.safeParse(value);
  return delta.success ? { showId: delta.data.showId, changes: [delta.data] } : undefined;
}

const firstChange = (frame: SeatMapFrame) => frame.changes[0];
const lastChange = (frame: SeatMapFrame) => frame.changes[frame.changes.length - 1] ?? frame.changes[0];
