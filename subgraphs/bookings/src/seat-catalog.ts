import { BadUserInputError, type Db, type LayoutSeat, type PriceEntry, type Tx } from '@seats/platform';
import type { SeatMapModel, SeatModel, SeatStatus } from './models.js';
import { seatId, seatMapId } from './seat-ids.js';
import { inventoryStore, type ClaimRow, type ShowRow } from './store/inventory.js';

/** The leg range a request covers; a screening is the single leg [0, 1). */
export interface Legs {
  from: number;
  to: number;
  /** What the API shows: null for screenings. */
  fromStop: number | null;
  toStop: number | null;
}

interface CachedLayout {
  revision: number | null;
  seats: LayoutSeat[];
  byId: Map<string, LayoutSeat>;
}

/**
 * Seats and prices of shows. Layouts and prices do not change once a show is
 * on sale, so they are cached per process; only seat states are read per
 * request, in one query, which keeps a 10,000-seat map fast.
 */
export class SeatCatalog {
  private readonly layouts = new Map<string, CachedLayout>();
  private readonly prices = new Map<string, Map<string, PriceEntry>>();

  constructor(private readonly db: Db) {}

  /** Validates stops against the show; `required` for holds on trips. */
  legs(
    show: ShowRow,
    fromStop: number | null | undefined,
    toStop: number | null | undefined,
    field: string,
    required: boolean,
  ): Legs {
    if (show.kind === 'SCREENING') {
      if (fromStop != null) throw new BadUserInputError(`${field}fromStop`, 'fromStop applies to train trips only');
      if (toStop != null) throw new BadUserInputError(`${field}toStop`, 'toStop applies to train trips only');
      return { from: 0, to: 1, fromStop: null, toStop: null };
    }
    if (required && fromStop == null)
      throw new BadUserInputError(`${field}fromStop`, 'fromStop is required for a train trip');
    if (required && toStop == null)
      throw new BadUserInputError(`${field}toStop`, 'toStop is required for a train trip');
    const from = fromStop ?? 0;
    const to = toStop ?? show.legCount;
    if (from < 0 || from >= show.legCount)
      throw new BadUserInputError(`${field}fromStop`, `fromStop must be between 0 and ${show.legCount - 1}`);
    if (to <= from || to > show.legCount)
      throw new BadUserInputError(`${field}toStop`, `toStop must be after fromStop and at most ${show.legCount}`);
    return { from, to, fromStop: from, toStop: to };
  }

  /**
   * `db` must be the caller's transaction when there is one: PGlite has a
   * single connection, so a query outside a running transaction would wait
   * for that transaction forever.
   */
  async layout(show: ShowRow, db: Tx = this.db): Promise<CachedLayout> {
    const cached = this.layouts.get(show.layoutId);
    if (cached?.revision === show.revision) return cached;
    const seats = await inventoryStore.layoutSeats(db, show.layoutId);
    const fresh = { revision: show.revision, seats, byId: new Map(seats.map((s) => [s.seatId, s])) };
    this.layouts.set(show.layoutId, fresh);
    return fresh;
  }

  /** Seat ids of the list that the show's layout does not have. */
  async unknownSeats(show: ShowRow, seatIds: string[]): Promise<string[]> {
    const { byId } = await this.layout(show);
    return seatIds.filter((id) => !byId.has(id));
  }

  async seatMap(show: ShowRow, legs: Legs): Promise<SeatMapModel> {
    const [layout, prices, claims] = await Promise.all([
      this.layout(show),
      this.priceList(show.showId),
      inventoryStore.claims(this.db, show.showId, legs.from, legs.to),
    ]);
    const taken = statusOfClaims(claims);
    return {
      id: seatMapId(show.showId, legs),
      showId: show.showId,
      version: show.version,
      fromStop: legs.fromStop,
      toStop: legs.toStop,
      seats: layout.seats.map((seat) => this.toModel(show, seat, prices, legs, taken.get(seat.seatId) ?? 'AVAILABLE')),
    };
  }

  /** Some seats (those of a live change) with their status for the legs, read now. */
  async seatStates(show: ShowRow, seatIds: string[], legs: Legs): Promise<SeatModel[]> {
    const [{ byId }, prices, claims] = await Promise.all([
      this.layout(show),
      this.priceList(show.showId),
      inventoryStore.claims(this.db, show.showId, legs.from, legs.to, seatIds),
    ]);
    const taken = statusOfClaims(claims);
    return seatIds.flatMap((id) => {
      const seat = byId.get(id);
      return seat ? [this.toModel(show, seat, prices, legs, taken.get(id) ?? 'AVAILABLE')] : [];
    });
  }

  /** Seats free on every leg of `legs`, counted in one query; zero once the show is cancelled. */
  async seatsFree(show: ShowRow, legs: Legs): Promise<number> {
    if (show.status !== 'SCHEDULED') return 0;
    return inventoryStore.seatsFree(this.db, show.showId, legs.from, legs.to);
  }

  /** The given seats with one status (a hold's or a booking's seats). */
  async seats(
    show: ShowRow,
    seatIds: string[],
    legs: Legs,
    status: SeatStatus,
    db: Tx = this.db,
  ): Promise<SeatModel[]> {
    const { byId } = await this.layout(show, db);
    const prices = await this.priceList(show.showId, db);
    return seatIds.flatMap((id) => {
      const seat = byId.get(id);
      return seat ? [this.toModel(show, seat, prices, legs, status)] : [];
    });
  }

  /** The total price of seats for the legs (a trip's price is per leg). */
  async total(
    show: ShowRow,
    seatIds: string[],
    legs: Legs,
    db: Tx = this.db,
  ): Promise<{ amount: number; currency: string }> {
    const seats = await this.seats(show, seatIds, legs, 'HELD', db);
    const currency = seats[0]?.price.currency ?? 'EUR';
    return { amount: seats.reduce((sum, s) => sum + s.price.amount, 0), currency };
  }

  private async priceList(showId: string, db: Tx = this.db): Promise<Map<string, PriceEntry>> {
    let prices = this.prices.get(showId);
    if (!prices) {
      prices = new Map((await inventoryStore.prices(db, showId)).map((p) => [p.category, p]));
      if (prices.size > 0) this.prices.set(showId, prices);
    }
    return prices;
  }

  private toModel(
    show: ShowRow,
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
      price: { amount: (price?.amount ?? 0) * (legs.to - legs.from), currency: price?.currency ?? 'EUR' },
      status,
      x: seat.x,
      y: seat.y,
      accessible: seat.accessible ?? false,
    };
  }
}

const statusOfClaims = (claims: ClaimRow[]) =>
  new Map(claims.map((c) => [c.seatId, c.booked ? 'BOOKED' : 'HELD'] as const));
