import {
  batchLoader,
  groupedBatchLoader,
  indexBy,
  type LayoutSeat,
  type Loader,
  type Position,
  type PriceEntry,
  type Tx,
} from '@seats/platform';
import { listBookingsOfUsers } from './db/bookings.js';
import { cancellationsOfMany } from './db/cancellations.js';
import { findHolds, holdSeatsOfMany, type HoldSeat } from './db/holds.js';
import { entriesOfUsers } from './db/waitlist.js';
import {
  countFreeSeatsOfMany,
  findShows,
  layoutRevisionsOfMany,
  layoutSeatsOfMany,
  legsKey,
  pricesOfMany,
  seatStatesOfMany,
  type LegsKey,
  type SeatStates,
} from './db/inventory.js';
import type { BookingModel, HoldModel, InventoryShow, SeatCancellationModel, WaitlistEntryModel } from './models.js';

/** A page of one user's bookings: who, how many, after which position. */
export interface BookingsPageKey {
  userId: string;
  limit: number;
  after: Position | null;
}

/**
 * The reads of one request, batched: every entity reference and per-parent
 * field of a level of the query is answered by one statement per loader,
 * whatever the number of parents. Made per request by `context()`.
 */
export interface Loaders {
  show: Loader<string, InventoryShow>;
  layoutSeats: Loader<string, LayoutSeat[]>;
  prices: Loader<string, PriceEntry[]>;
  layoutRevision: Loader<string, number>;
  seatStates: Loader<LegsKey, SeatStates>;
  seatsFree: Loader<LegsKey, number>;
  holdSeats: Loader<string, HoldSeat[]>;
  /** Seat cancellations by booking id, oldest first. */
  cancellations: Loader<string, SeatCancellationModel[]>;
  hold: Loader<string, HoldModel>;
  waitlistOfUser: Loader<string, WaitlistEntryModel[]>;
  bookingsOfUser: Loader<BookingsPageKey, BookingModel[]>;
}

const byId = (id: string) => id;

/** Loaders over `db`: the database for a request, or a transaction for reads inside it. */
export function createLoaders(db: Tx): Loaders {
  return {
    show: batchLoader(async (ids) => indexBy(await findShows(db, ids), (s) => s.showId), byId),
    layoutSeats: batchLoader((ids) => layoutSeatsOfMany(db, ids), byId),
    prices: batchLoader((ids) => pricesOfMany(db, ids), byId),
    layoutRevision: batchLoader((ids) => layoutRevisionsOfMany(db, ids), byId),
    seatStates: batchLoader((keys) => seatStatesOfMany(db, keys), legsKey),
    seatsFree: batchLoader((keys) => countFreeSeatsOfMany(db, keys), legsKey),
    holdSeats: batchLoader((ids) => holdSeatsOfMany(db, ids), byId),
    cancellations: batchLoader((ids) => cancellationsOfMany(db, ids), byId),
    hold: batchLoader(async (ids) => indexBy(await findHolds(db, ids), (h) => h.id), byId),
    waitlistOfUser: batchLoader((ids) => entriesOfUsers(db, ids), byId),
    bookingsOfUser: groupedBatchLoader(loadPages(db), pageKey, pagingOf),
  };
}

const pageKey = ({ userId, limit, after }: BookingsPageKey) => `${userId}/${pagingOf({ limit, after })}`;
const pagingOf = ({ limit, after }: Omit<BookingsPageKey, 'userId'>) => `${limit}/${after?.join('/') ?? ''}`;

/** Pages asked for with the same size and position are read together, in one statement. */
function loadPages(db: Tx) {
  return async (keys: readonly [BookingsPageKey, ...BookingsPageKey[]]): Promise<Map<string, BookingModel[]>> => {
    const [{ limit, after }] = keys;
    const byUser = await listBookingsOfUsers(
      db,
      keys.map((k) => k.userId),
      limit,
      after,
    );
    return new Map(keys.map((key) => [pageKey(key), byUser.get(key.userId) ?? []]));
  };
}
