import { BadRequestError, isId, NotFoundError, seatMapDeltaSchema, type SeatMapDelta } from '@seats/platform';
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
  const delta = parseDelta(ctx.sourceEvent);
  if (!delta || !isId(showId) || delta.showId !== showId.toLowerCase()) throw new BadRequestError(servedByGateway);
  const change = await ctx.catalog.change(ctx.loaders, delta, fromStop, toStop);
  if (!change) throw new NotFoundError('Show');
  return change;
}

export const Subscription: SubscriptionResolvers = { seatMapChanged };

export const SeatMapChange: SeatMapChangeResolvers = {
  show: (c) => ({ id: c.delta.showId }),
  version: (c) => c.delta.version,
  change: (c) => c.delta.change,
  fromStop: (c) => c.legs.fromStop,
  toStop: (c) => c.legs.toStop,
  seats: (c, _, ctx) => ctx.catalog.seatsOfChange(ctx.loaders, c),
};

/** The source event as the gateway passed it on, checked against the live message's schema. */
function parseDelta(value: unknown): SeatMapDelta | undefined {
  const parsed = seatMapDeltaSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
