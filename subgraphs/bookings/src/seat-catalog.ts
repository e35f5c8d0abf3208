import { isId, priceForLegs, type LayoutSeat, type PriceEntry, type SeatMapFrame } from '@seats/platform';
import { legsKey } from './db/inventory.js';
import { recordedLegs, viewLegs, type Legs } from './domain/legs.js';
import { seatId, seatMapId } from './domain/seat-ids.js';
import type { Loaders } from './loaders.js';
import type {
  BookingModel,
  HoldModel,
  InventoryShow,
  LayoutModel,
  SeatCancellationView,
  SeatMapChangeModel,
  SeatMapModel,
  SeatModel,
  SeatStatus,
} from './models.js';

interface CachedLayout {
  revision: number | null;
  seats: LayoutSeat[];
  /** Each seat's place in layout order (its character in a map's statuses). */
  index: Map<string, number>;
}

/** A (show, legs) at one version: the statuses every reader of that version shares. */
interface MapState {
  version: number;
  revision: number | null;
  statuses: string;
  /** Until when these statuses hold without a new version: the first active hold among them lapses then. */
  validUntil: number;
}

type Stop = number | null | undefined;

/** A live frame's seats as SeatMapChange.seatIndexes and .statuses. */
export interface CompactChange {
  seatIndexes: number[];
  statuses: string;
}

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

/** The characters of SeatMap.statuses. */
const statusCodes = { AVAILABLE: 0x41, HELD: 0x48, BOOKED: 0x42 } as const;
const statusOfCode: Record<string, SeatStatus> = { A: 'AVAILABLE', H: 'HELD', B: 'BOOKED' };

/** Map states kept per process: the (show, legs) pairs read most recently. */
const maxMapStates = 512;
/** Full seat lists kept per process (the map states most recently read with `seats`). */
const maxBuiltSeats = 8;

/**
 * Seats, prices and seat states of shows: every read of the inventory the
 * resolvers make, through the request's loaders (one statement per level of
 * a query, whatever the number of shows). Layouts and prices do not change
 * once a show is on sale, so they are cached per process. Seat states are
 * kept per (show, legs) and version: a reader reads the show's version (one
 * statement, batched) and reuses the statuses of that version when this
 * process has them, so a 10,000-seat map costs one small read per request
 * and one read of its holds per version.
 */
export class SeatCatalog {
  private readonly layouts = new Map<string, CachedLayout>();
  private readonly prices = new Map<string, Map<string, PriceEntry>>();
  private readonly states = new Map<string, MapState>();
  /** The full seat lists built last (10,000 seat objects each for a big hall), by state. */
  private readonly builtSeats = new Map<MapState, SeatModel[]>();
  /** Reads of a state in flight, shared by the readers that arrive meanwhile. */
  private readonly reading = new Map<string, Promise<MapState>>();
  /** Each live frame's compact seats, shared by its `seatIndexes` and `statuses`. */
  private readonly compactChanges = new WeakMap<SeatMapChangeModel, Promise<CompactChange>>();

  /** A show bookings knows, by an id a client sent (any case); null for anything else. */
  async show(loaders: Loaders, showId: string): Promise<InventoryShow | null> {
    return isId(showId) ? loaders.show.load(showId.toLowerCase()) : null;
  }

  /** The seat map of a show for some legs; an empty map for a show bookings does not know (yet). */
  async seatMap(loaders: Loaders, showId: string, fromStop: Stop, toStop: Stop): Promise<SeatMapModel> {
    const show = await this.show(loaders, showId);
    if (!show) {
      const layout = { id: showId, revision: 0, seats: [] };
      return {
        id: showId,
        showId,
        version: 0,
        fromStop: null,
        toStop: null,
        statuses: '',
        layout,
        prices: [],
        seats: () => [],
      };
    }
    const legs = viewLegs(show, fromStop, toStop);
    const [layout, prices, state] = await Promise.all([
      this.layout(loaders, show),
      this.priceList(loaders, show.showId),
      this.mapState(loaders, show, legs),
    ]);
    return {
      id: seatMapId(show.showId, legs),
      showId: show.showId,
      version: state.version,
      fromStop: legs.fromStop,
      toStop: legs.toStop,
      statuses: state.statuses,
      layout: { id: show.layoutId, revision: show.revision ?? 0, seats: layout.seats },
      prices: [...prices.values()].map((p) => ({
        category: p.category,
        price: { amount: priceForLegs(p.amount, legs), currency: p.currency },
      })),
      seats: () => this.seatsOfState(state, show, layout, prices, legs),
    };
  }

  /** Every seat of a map state, built once per state for the few states read in full most recently. */
  private seatsOfState(
    state: MapState,
    show: InventoryShow,
    layout: CachedLayout,
    prices: Map<string, PriceEntry>,
    legs: Legs,
  ): SeatModel[] {
    let seats = this.builtSeats.get(state);
    if (!seats) {
      seats = layout.seats.map((seat, i) => toModel(show, seat, prices, legs, statusAt(state, i)));
      this.builtSeats.set(state, seats);
      if (this.builtSeats.size > maxBuiltSeats) this.builtSeats.delete(this.builtSeats.keys().next().value!);
    }
    return seats;
  }

  /** The current revision of a layout with its seats; null for a layout bookings does not know. */
  async layoutById(loaders: Loaders, layoutId: string): Promise<LayoutModel | null> {
    const revision = await loaders.layoutRevision.load(layoutId);
    if (revision == null) return null;
    const layout = await this.layout(loaders, { layoutId, revision });
    return { id: layoutId, revision, seats: layout.seats };
  }

  /** A show's seats in layout order: one array per layout revision, shared by every reader. */
  async layoutSeats(loaders: Loaders, show: InventoryShow): Promise<readonly LayoutSeat[]> {
    return (await this.layout(loaders, show)).seats;
  }

  /** Seats free on every leg asked about, counted in one query; 0 for a cancelled or unknown show. */
  async seatsFree(loaders: Loaders, showId: string, fromStop: Stop, toStop: Stop): Promise<number> {
    const show = await this.show(loaders, showId);
    if (!show) return 0;
    const legs = viewLegs(show, fromStop, toStop);
    if (show.status !== 'SCHEDULED') return 0;
    return (await loaders.seatsFree.load({ showId: show.showId, from: legs.from, to: legs.to })) ?? 0;
  }

  /** A live frame for a watcher of some legs; null when the show is not known. */
  async change(
    loaders: Loaders,
    frame: SeatMapFrame,
    fromStop: Stop,
    toStop: Stop,
  ): Promise<SeatMapChangeModel | null> {
    const show = await this.show(loaders, frame.showId);
    return show ? { frame, show, legs: viewLegs(show, fromStop, toStop) } : null;
  }

  /**
   * The seats of a live frame by their place in layout order, ascending,
   * with their statuses as `SeatMap.statuses` letters: the same seats and
   * statuses as `seatsOfChange`, worked out once per frame and legs.
   */
  async compactChange(loaders: Loaders, change: SeatMapChangeModel): Promise<CompactChange> {
    let compact = this.compactChanges.get(change);
    if (!compact) {
      compact = this.buildCompactChange(loaders, change);
      this.compactChanges.set(change, compact);
    }
    return compact;
  }

  private async buildCompactChange(
    loaders: Loaders,
    { frame, show, legs }: SeatMapChangeModel,
  ): Promise<CompactChange> {
    const latest = latestStatuses(frame);
    const [layout, statuses] = await Promise.all([
      this.layout(loaders, show),
      show.kind === 'TRIP'
        ? this.seatStates(loaders, show, [...latest.keys()], legs).then((seats) =>
            seats.map((s) => [s.code, s.status] as const),
          )
        : latest,
    ]);
    const placed = [...statuses].flatMap(([code, status]) => {
      const index = layout.index.get(code);
      return index === undefined ? [] : [{ index, code: statusCodes[status] }];
    });
    placed.sort((a, b) => a.index - b.index);
    return {
      seatIndexes: placed.map((p) => p.index),
      statuses: Buffer.from(placed.map((p) => p.code)).toString('latin1'),
    };
  }

  /**
   * The seats of a live frame: a screening's are what its changes made them,
   * the last change of a seat winning; a trip's, for the watched legs, are
   * read as delivered.
   */
  async seatsOfChange(loaders: Loaders, { frame, show, legs }: SeatMapChangeModel): Promise<SeatModel[]> {
    const latest = latestStatuses(frame);
    if (show.kind === 'TRIP') return this.seatStates(loaders, show, [...latest.keys()], legs);
    const [layout, prices] = await Promise.all([this.layout(loaders, show), this.priceList(loaders, show.showId)]);
    return [...latest].flatMap(([id, status]) => {
      const seat = seatOf(layout, id);
      return seat ? [toModel(show, seat, prices, legs, status)] : [];
    });
  }

  /** A hold's seats with the status the hold gives them. */
  async seatsOfHold(loaders: Loaders, hold: HoldModel): Promise<SeatModel[]> {
    return this.seatsOfClaim(loaders, hold.showId, hold.id, hold, holdSeatStatus[hold.status]);
  }

  /**
   * A booking's seats with the status the booking gives them; a confirmed
   * booking's are those it still claims (not those cancelled out of it).
   */
  async seatsOfBooking(loaders: Loaders, booking: BookingModel): Promise<SeatModel[]> {
    const status = bookingSeatStatus[booking.status];
    return this.seatsOfClaim(loaders, booking.showId, booking.holdId, booking, status, booking.status === 'CONFIRMED');
  }

  /** The seats of a cancellation out of a booking, free again as far as it is concerned. */
  async seatsOfCancellation(loaders: Loaders, { booking, seatIds }: SeatCancellationView): Promise<SeatModel[]> {
    const show = await loaders.show.load(booking.showId);
    return show ? this.seats(loaders, show, seatIds, recordedLegs(show, booking), 'AVAILABLE') : [];
  }

  private async seatsOfClaim(
    loaders: Loaders,
    showId: string,
    holdId: string,
    claim: { fromStop: number | null; toStop: number | null },
    status: SeatStatus,
    claimedOnly = false,
  ): Promise<SeatModel[]> {
    const [show, holdSeats] = await Promise.all([loaders.show.load(showId), loaders.holdSeats.load(holdId)]);
    if (!show) return [];
    const seatIds = (holdSeats ?? []).filter((s) => !claimedOnly || s.active).map((s) => s.seatId);
    return this.seats(loaders, show, seatIds, recordedLegs(show, claim), status);
  }

  /** Some seats with their status for the legs, read now. */
  private async seatStates(
    loaders: Loaders,
    show: InventoryShow,
    seatIds: readonly string[],
    legs: Legs,
  ): Promise<SeatModel[]> {
    const [layout, prices, state] = await Promise.all([
      this.layout(loaders, show),
      this.priceList(loaders, show.showId),
      this.mapState(loaders, show, legs),
    ]);
    return seatIds.flatMap((id) => {
      const seat = seatOf(layout, id);
      return seat ? [toModel(show, seat, prices, legs, statusAt(state, layout.index.get(id) ?? -1))] : [];
    });
  }

  /**
   * The statuses of (show, legs) at the show's version or later: this
   * process's copy when it is that recent and no hold in it has lapsed, or
   * else one read (shared by readers that arrive while it runs).
   */
  private async mapState(loaders: Loaders, show: InventoryShow, legs: Legs): Promise<MapState> {
    const key = legsKey({ showId: show.showId, from: legs.from, to: legs.to });
    const kept = this.states.get(key);
    if (kept && kept.version >= show.version && kept.revision === show.revision && Date.now() < kept.validUntil) {
      return kept;
    }
    const inFlight = this.reading.get(key);
    if (inFlight) {
      // A read that started before this reader's version was committed may return an older one: read again then.
      const shared = await inFlight;
      if (shared.version >= show.version) return shared;
    }
    const reading = this.readState(loaders, show, legs, key).finally(() => {
      if (this.reading.get(key) === reading) this.reading.delete(key);
    });
    this.reading.set(key, reading);
    return reading;
  }

  private async readState(loaders: Loaders, show: InventoryShow, legs: Legs, key: string): Promise<MapState> {
    const [layout, states] = await Promise.all([
      this.layout(loaders, show),
      loaders.seatStates.load({ showId: show.showId, from: legs.from, to: legs.to }),
    ]);
    const codes = Buffer.alloc(layout.seats.length, statusCodes.AVAILABLE);
    for (const id of states?.held ?? []) setCode(codes, layout.index.get(id), statusCodes.HELD);
    for (const id of states?.booked ?? []) setCode(codes, layout.index.get(id), statusCodes.BOOKED);
    const state: MapState = {
      version: states?.version ?? show.version,
      revision: show.revision,
      statuses: codes.toString('latin1'),
      validUntil: states?.nextExpiry?.getTime() ?? Number.POSITIVE_INFINITY,
    };
    const kept = this.states.get(key);
    if (!kept || kept.version <= state.version) {
      this.states.delete(key);
      this.states.set(key, state);
      if (this.states.size > maxMapStates) this.states.delete(this.states.keys().next().value!);
    }
    return state;
  }

  /** The given seats with one status. */
  private async seats(
    loaders: Loaders,
    show: InventoryShow,
    seatIds: readonly string[],
    legs: Legs,
    status: SeatStatus,
  ): Promise<SeatModel[]> {
    const [layout, prices] = await Promise.all([this.layout(loaders, show), this.priceList(loaders, show.showId)]);
    return seatIds.flatMap((id) => {
      const seat = seatOf(layout, id);
      return seat ? [toModel(show, seat, prices, legs, status)] : [];
    });
  }

  private async layout(
    loaders: Loaders,
    { layoutId, revision }: { layoutId: string; revision: number | null },
  ): Promise<CachedLayout> {
    const cached = this.layouts.get(layoutId);
    if (cached?.revision === revision) return cached;
    const seats = (await loaders.layoutSeats.load(layoutId)) ?? [];
    const fresh = {
      revision,
      seats,
      index: new Map(seats.map((s, i) => [s.seatId, i])),
    };
    this.layouts.set(layoutId, fresh);
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

/** What a frame's changes made each seat, the last change of a seat winning (a screening's statuses). */
function latestStatuses(frame: SeatMapFrame): Map<string, SeatStatus> {
  const latest = new Map<string, SeatStatus>();
  for (const change of frame.changes) {
    for (const id of change.seatIds) latest.set(id, statusAfterChange[change.change]);
  }
  return latest;
}

/** A seat of the layout by its code. */
function seatOf(layout: CachedLayout, seatId: string): LayoutSeat | undefined {
  const index = layout.index.get(seatId);
  return index === undefined ? undefined : layout.seats[index];
}

/** The status of the seat at `index` in layout order (AVAILABLE for a seat the state does not have). */
function statusAt(state: MapState, index: number): SeatStatus {
  return statusOfCode[state.statuses[index] ?? 'A'] ?? 'AVAILABLE';
}

function setCode(codes: Buffer, index: number | undefined, code: number): void {
  if (index !== undefined) codes[index] = code;
}
