import { isId, priceForLegs, type LayoutSeat, type PriceEntry, type SeatMapDelta, type Tx } from '@seats/platform';
import type { Claim } from './db/inventory.js';
import { recordedLegs, viewLegs, type Legs } from './domain/legs.js';
import { seatId, seatMapId } from './domain/seat-ids.js';
import { createLoaders, type Loaders } from './loaders.js';
import type {
  BookingModel,
  HoldModel,
  InventoryShow,
  MoneyModel,
  SeatMapChangeModel,
  SeatMapModel,
  SeatModel,
  SeatStatus,
} from './models.js';

interface CachedLayout {
  revision: number | null;
  seats: LayoutSeat[];
  byId: Map<string, LayoutSeat>;
}

type Stop = number | null | undefined;

const holdSeatStatus = { ACTIVE: 'HELD', CONVERTED: 'BOOKED', RELEASED: 'AVAILABLE', EXPIRED: 'AVAILABLE' } as const;
const bookingSeatStatus = {
  PENDING_PAYMENT: 'HELD',
  CONFIRMED: 'BOOKED',
  CANCELLED: 'AVAILABLE',
  EXPIRED: 'AVAILABLE',
} as const;
const statusAfterChange = {
  HELD: 'HELD',
  BOOKED: 'BOOKED',
  RELEASED: 'AVAILABLE',
  EXPIRED: 'AVAILABLE',
  CANCELLED: 'AVAILABLE',
} as const;

/**
 * Seats, prices and seat states of shows: every read of the inventory the
 * resolvers make, through the request's loaders (one statement per level of
 * a query, whatever the number of shows). Layouts and prices do not change
 * once a show is on sale, so they are cached per process; only seat states
 * are read per request, which keeps a 10,000-seat map fast.
 */
export class SeatCatalog {
  private readonly layouts = new Map<string, CachedLayout>();
  private readonly prices = new Map<string, Map<string, PriceEntry>>();

  /** A show bookings knows, by an id a client sent (any case); null for anything else. */
  async show(loaders: Loaders, showId: string): Promise<InventoryShow | null> {
    return isId(showId) ? loaders.show.load(showId.toLowerCase()) : null;
  }

  /** The seat map of a show for some legs; an empty map for a show bookings does not know (yet). */
  async seatMap(loaders: Loaders, showId: string, fromStop: Stop, toStop: Stop): Promise<SeatMapModel> {
    const show = await this.show(loaders, showId);
    if (!show) return { id: showId, showId, version: 0, fromStop: null, toStop: null, seats: [] };
    const legs = viewLegs(show, fromStop, toStop);
    const [layout, prices, claims] = await Promise.all([
      this.layout(loaders, show),
      this.priceList(loaders, show.showId),
      loaders.claims.load({ showId: show.showId, from: legs.from, to: legs.to }),
    ]);
    const taken = statusOfClaims(claims ?? []);
    return {
      id: seatMapId(show.showId, legs),
      showId: show.showId,
      version: show.version,
      fromStop: legs.fromStop,
      toStop: legs.toStop,
      seats: layout.seats.map((seat) => toModel(show, seat, prices, legs, taken.get(seat.seatId) ?? 'AVAILABLE')),
    };
  }

  /** Seats free on every leg asked about, counted in one query; 0 for a cancelled or unknown show. */
  async seatsFree(loaders: Loaders, showId: string, fromStop: Stop, toStop: Stop): Promise<number> {
    const show = await this.show(loaders, showId);
    if (!show) return 0;
    const legs = viewLegs(show, fromStop, toStop);
    if (show.status !== 'SCHEDULED') return 0;
    return (await loaders.seatsFree.load({ showId: show.showId, from: legs.from, to: legs.to })) ?? 0;
  }

  /** A live change for a watcher of some legs; null when the show is not known. */
  async change(
    loaders: Loaders,
    delta: SeatMapDelta,
    fromStop: Stop,
    toStop: Stop,
  ): Promise<SeatMapChangeModel | null> {
    const show = await this.show(loaders, delta.showId);
    return show ? { delta, show, legs: viewLegs(show, fromStop, toStop) } : null;
  }

  /**
   * The seats of a live change: a screening's are exactly what the change
   * made them; a trip's, for the watched legs, are read as delivered.
   */
  async seatsOfChange(loaders: Loaders, { delta, show, legs }: SeatMapChangeModel): Promise<SeatModel[]> {
    if (show.kind === 'TRIP') return this.seatStates(loaders, show, delta.seatIds, legs);
    return this.seats(loaders, show, delta.seatIds, legs, statusAfterChange[delta.change]);
  }

  /** A hold's seats with the status the hold gives them. */
  async seatsOfHold(loaders: Loaders, hold: HoldModel): Promise<SeatModel[]> {
    return this.seatsOfClaim(loaders, hold.showId, hold.id, hold, holdSeatStatus[hold.status]);
  }

  /** A booking's seats with the status the booking gives them. */
  async seatsOfBooking(loaders: Loaders, booking: BookingModel): Promise<SeatModel[]> {
    return this.seatsOfClaim(loaders, booking.showId, booking.holdId, booking, bookingSeatStatus[booking.status]);
  }

  /** The total price of a hold's seats for its legs, inside the caller's transaction. */
  async total(tx: Tx, show: InventoryShow, seatIds: readonly string[], legs: Legs): Promise<MoneyModel> {
    // Loaders over the caller's transaction: PGlite's one connection is busy with it.
    const seats = await this.seats(createLoaders(tx), show, seatIds, legs, 'HELD');
    const currency = seats[0]?.price.currency ?? 'EUR';
    return { amount: seats.reduce((sum, s) => sum + s.price.amount, 0), currency };
  }

  private async seatsOfClaim(
    loaders: Loaders,
    showId: string,
    holdId: string,
    claim: { fromStop: number | null; toStop: number | null },
    status: SeatStatus,
  ): Promise<SeatModel[]> {
    const [show, seatIds] = await Promise.all([loaders.show.load(showId), loaders.holdSeatIds.load(holdId)]);
    if (!show) return [];
    return this.seats(loaders, show, seatIds ?? [], recordedLegs(show, claim), status);
  }

  /** Some seats with their status for the legs, read now. */
  private async seatStates(
    loaders: Loaders,
    show: InventoryShow,
    seatIds: readonly string[],
    legs: Legs,
  ): Promise<SeatModel[]> {
    const [{ byId }, prices, claims] = await Promise.all([
      this.layout(loaders, show),
      this.priceList(loaders, show.showId),
      loaders.claims.load({ showId: show.showId, from: legs.from, to: legs.to }),
    ]);
    const taken = statusOfClaims(claims ?? []);
    return seatIds.flatMap((id) => {
      const seat = byId.get(id);
      return seat ? [toModel(show, seat, prices, legs, taken.get(id) ?? 'AVAILABLE')] : [];
    });
  }

  /** The given seats with one status. */
  private async seats(
    loaders: Loaders,
    show: InventoryShow,
    seatIds: readonly string[],
    legs: Legs,
    status: SeatStatus,
  ): Promise<SeatModel[]> {
    const [{ byId }, prices] = await Promise.all([this.layout(loaders, show), this.priceList(loaders, show.showId)]);
    return seatIds.flatMap((id) => {
      const seat = byId.get(id);
      return seat ? [toModel(show, seat, prices, legs, status)] : [];
    });
  }

  private async layout(loaders: Loaders, show: InventoryShow): Promise<CachedLayout> {
    const cached = this.layouts.get(show.layoutId);
    if (cached?.revision === show.revision) return cached;
    const seats = (await loaders.layoutSeats.load(show.layoutId)) ?? [];
    const fresh = { revision: show.revision, seats, byId: new Map(seats.map((s) => [s.seatId, s])) };
    this.layouts.set(show.layoutId, fresh);
    return fresh;
  }

  private async priceList(loaders: Loaders, showId: string): Promise<Map<string, PriceEntry>> {
    let prices = this.prices.get(showId);
    if (!prices) {
      const list = (await loaders.prices.load(showId)) ?? [];
      prices = new Map(list.map((p) => [p.category, p]));
      if (prices.size > 0) this.prices.set(showId, prices);
    }
    return prices;
  }
}

function toModel(
  show: InventoryShow,
  seat: LayoutSeat,
  prices: Map<string, PriceEntry>,
  legs: Legs,
  status: SeatStatus,
): SeatModel {
  const price = prices.get(seat.category);
  return {
    id: seatId(show.showId, seat.seatId, legs),
    code: seat.seatId,
    label: seat.label,
    row: seat.row,
    number: seat.number,
    category: seat.category,
    price: { amount: priceForLegs(price?.amount ?? 0, legs), currency: price?.currency ?? 'EUR' },
    status,
    x: seat.x,
    y: seat.y,
    accessible: seat.accessible ?? false,
  };
}

const statusOfClaims = (claims: Claim[]) =>
  new Map(claims.map((c) => [c.seatId, c.booked ? 'BOOKED' : 'HELD'] as const));
