import { BadRequestError, isId, NotFoundError, type SeatMapDelta } from '@seats/platform';
import type { Context } from '../context.js';
import type {
  SeatMapChangeResolvers,
  SubscriptionResolvers,
  SubscriptionSeatMapChangedArgs,
} from '../generated/resolvers.js';
import type { SeatMapChangeModel } from '../models.js';
import { inventoryStore } from '../store/inventory.js';

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
  const show = await inventoryStore.findShow(ctx.db, delta.showId);
  if (!show) throw new NotFoundError('Show');
  return { delta, show, legs: ctx.catalog.legs(show, fromStop, toStop, '', false) };
}

export const Subscription: SubscriptionResolvers = { seatMapChanged };

export const SeatMapChange: SeatMapChangeResolvers = {
  show: (c) => ({ id: c.delta.showId }),
  version: (c) => c.delta.version,
  change: (c) => c.delta.change,
  fromStop: (c) => c.legs.fromStop,
  toStop: (c) => c.legs.toStop,
  // A screening's seats are exactly what the change made them; a trip's, for the watched legs, are read as delivered.
  seats: (c, _, ctx) =>
    c.show.kind === 'SCREENING'
      ? ctx.catalog.seats(c.show, c.delta.seatIds, c.legs, statusAfter[c.delta.change])
      : ctx.catalog.seatStates(c.show, c.delta.seatIds, c.legs),
};

const statusAfter = {
  HELD: 'HELD',
  BOOKED: 'BOOKED',
  RELEASED: 'AVAILABLE',
  EXPIRED: 'AVAILABLE',
  CANCELLED: 'AVAILABLE',
} as const;

const maxSeatsPerChange = 100_000;

/** The source event as the gateway passed it on, checked field by field. */
function parseDelta(value: unknown): SeatMapDelta | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const d = value as Record<string, unknown>;
  const stop = (v: unknown) => v === null || (Number.isInteger(v) && (v as number) >= 0);
  const ok =
    typeof d.showId === 'string' &&
    isId(d.showId) &&
    Number.isInteger(d.version) &&
    typeof d.change === 'string' &&
    Object.hasOwn(statusAfter, d.change) &&
    Array.isArray(d.seatIds) &&
    d.seatIds.length <= maxSeatsPerChange &&
    d.seatIds.every((id) => typeof id === 'string') &&
    stop(d.fromStop) &&
    stop(d.toStop);
  return ok ? (value as SeatMapDelta) : undefined;
}
