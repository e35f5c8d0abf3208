import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  NotFoundError,
  ownsOrAdministers,
  parseId,
  requireOwnerOrAdmin,
  requireAdmin,
  requireUser,
  type Db,
  type EventConsumer,
  type Identity,
  type LayoutSeat,
  type Logger,
  type Outbox,
  type PlatformConfig,
} from '@seats/platform';
import { lockBestSeatsChoice, lockHold } from './db/holds.js';
import { legsKey, seatStatesOfMany } from './db/inventory.js';
import {
  anyoneWaiting,
  bookOfferOf,
  entriesOfShow,
  findEntry,
  insertEntry,
  lockEntry,
  lockNextWaiting,
  markOffered,
  passOfferOf,
  setEntryStatus,
} from './db/waitlist.js';
import { chooseBestSeats } from './domain/best-seats.js';
import { holdLegs, recordedLegs } from './domain/legs.js';
import { showOnSale } from './holds.js';
import type { Lifecycle } from './lifecycle.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { HoldModel, InventoryShow, WaitlistEntryModel } from './models.js';
import type { SeatCatalog } from './seat-catalog.js';

export interface JoinWaitlistRequest {
  showId: string;
  count: number;
  fromStop?: number | null;
  toStop?: number | null;
}

/** Offers made in one pass over a show's line at most (a pass runs again on the next freed seat). */
const maxOffersPerPass = 50;
/** Entries looked at for one offer (those whose seats do not fit now keep their place). */
const lookAhead = 50;

type Offered = { outcome: 'offered' } | { outcome: 'skip'; entryId: string } | { outcome: 'none' };

/**
 * Waiting lists of sold-out shows. When seats free up (a hold released or
 * expired, a booking or some of its seats cancelled), the entries in line
 * get offers in order, first come first served: for the first whose seats
 * fit what is free, the best seats (as lockBestSeats chooses them) are held
 * for its user for `WAITLIST_OFFER_SECONDS` (WaitlistOffered, which
 * notifications mails), then the next. An offer whose hold ends unused
 * passes: its seats go to the next in line. Each offer runs in one
 * transaction under the show's best-available lock and places its hold
 * with `place_hold`, so an offer never takes a seat twice and several
 * bookings instances never offer the same freed seat twice.
 */
export class WaitlistService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly lifecycle: Lifecycle,
    private readonly catalog: SeatCatalog,
    private readonly config: PlatformConfig,
    private readonly log: Logger,
  ) {}

  /** Puts the signed-in user at the end of a sold-out show's line; errors name fields under `input.`. */
  async join(identity: Identity | null, loaders: Loaders, input: JoinWaitlistRequest): Promise<WaitlistEntryModel> {
    const caller = requireUser(identity);
    const showId = parseId(input.showId, 'input.showId');
    const show = await showOnSale(this.catalog, loaders, showId);
    const legs = holdLegs(show, input.fromStop, input.toStop);
    const max = this.config.maxSeatsPerHold;
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > max) {
      throw new BadUserInputError('input.count', `count must be between 1 and ${max}`);
    }
    const free = await this.catalog.seatsFree(loaders, showId, legs.fromStop, legs.toStop);
    if (free >= input.count) throw new BadUserInputError('input.count', `${free} seats are free: hold them instead`);
    const id = randomUUID();
    const entry = {
      id,
      showId,
      userId: caller.userId,
      fromStop: legs.fromStop,
      toStop: legs.toStop,
      seatCount: input.count,
    };
    if (!(await this.db.transaction((tx) => insertEntry(tx, entry)))) {
      throw new BadUserInputError('input.showId', 'You are on this waiting list already');
    }
    // Seats may have freed up between the count and the entry.
    await this.offer(showId);
    return (await findEntry(this.db, id))!;
  }

  /** Takes the caller off a line (owner or ADMIN); an offer held for them is released to the next. */
  async leave(identity: Identity | null, idInput: string): Promise<boolean> {
    const caller = requireUser(identity);
    const id = parseId(idInput, 'id');
    const left = await this.db.transaction(async (tx) => {
      const entry = await lockEntry(tx, id);
      if (!entry) throw new NotFoundError('WaitlistEntry');
      requireOwnerOrAdmin(caller, entry.userId, 'Not your waiting list entry');
      if (entry.status === 'OFFERED' && entry.holdId) {
        const hold = await lockHold(tx, entry.holdId);
        if (hold?.status === 'ACTIVE') await this.lifecycle.endHold(tx, hold, 'RELEASED');
      } else if (entry.status !== 'WAITING') return false;
      await setEntryStatus(tx, id, 'LEFT');
      return true;
    });
    this.outbox.kick();
    return left;
  }

  /** A user's places on waiting lists, for that user or an admin. */
  async ofUser(identity: Identity | null, loaders: Loaders, userId: string): Promise<WaitlistEntryModel[]> {
    requireOwnerOrAdmin(identity, userId, 'Not your waiting lists');
    return (await loaders.waitlistOfUser.load(userId.toLowerCase())) ?? [];
  }

  /** An entry for its owner or an admin; null for anyone else. */
  async visible(identity: Identity | null, idInput: string): Promise<WaitlistEntryModel | null> {
    const entry = await findEntry(this.db, parseId(idInput, 'id'));
    return entry && ownsOrAdministers(identity, entry.userId) ? entry : null;
  }

  /** ADMIN: a show's line, waiting entries in order, then those holding an offer. */
  async ofShow(identity: Identity | null, showId: string): Promise<WaitlistEntryModel[]> {
    requireAdmin(identity, "see a show's waiting list");
    return entriesOfShow(this.db, showId.toLowerCase());
  }

  /** Seats of a show freed up (`holdId`: the hold that ended): its offer passes, and the line gets offers. */
  async freed(showId: string, holdId?: string): Promise<void> {
    if (holdId) await passOfferOf(this.db, holdId);
    if (await anyoneWaiting(this.db, showId)) await this.offer(showId);
  }

  /** A booking was confirmed: if its hold was an offer, that entry is BOOKED (and its user may join the line again). */
  async booked(bookingId: string): Promise<void> {
    await bookOfferOf(this.db, bookingId);
  }

  /** Offers what is free to the line, in order, one offer per transaction. */
  async offer(showId: string): Promise<number> {
    const loaders = createLoaders(this.db);
    const show = await this.catalog.show(loaders, showId);
    if (show?.status !== 'SCHEDULED' || show.startsAt.getTime() <= Date.now()) return 0;
    const seats = await this.catalog.layoutSeats(loaders, show);
    const skipped = new Set<string>();
    let offers = 0;
    while (offers < maxOffersPerPass) {
      const made = await this.offerOnce(show, seats, skipped);
      if (made.outcome === 'none') break;
      if (made.outcome === 'skip') skipped.add(made.entryId);
      else offers++;
    }
    if (offers > 0) this.outbox.kick();
    return offers;
  }

  /**
   * One offer: the first waiting entry whose seats fit what is free gets
   * them held. At most one hold per transaction, so its seat locks are
   * taken in one sorted set, as every hold's are (no deadlock). An entry
   * whose user is at the hold limit keeps its place (`skip`).
   */
  private offerOnce(show: InventoryShow, seats: readonly LayoutSeat[], skipped: ReadonlySet<string>): Promise<Offered> {
    return this.db.transaction(async (tx) => {
      await lockBestSeatsChoice(tx, show.showId);
      const taken = new Map<string, Set<string>>();
      for (const entry of await lockNextWaiting(tx, show.showId, lookAhead)) {
        if (skipped.has(entry.id)) continue;
        const legs = recordedLegs(show, entry);
        const key = { showId: show.showId, from: legs.from, to: legs.to };
        let takenHere = taken.get(legsKey(key));
        if (!takenHere) {
          const states = (await seatStatesOfMany(tx, [key])).get(legsKey(key));
          takenHere = new Set([...(states?.held ?? []), ...(states?.booked ?? [])]);
          taken.set(legsKey(key), takenHere);
        }
        const ask = { count: entry.count, category: null, accessible: false, near: null, position: null };
        const choice = chooseBestSeats(show.kind, seats, takenHere, ask);
        if (!choice) continue;
        const hold: HoldModel = {
          id: randomUUID(),
          showId: show.showId,
          userId: entry.userId,
          fromStop: entry.fromStop,
          toStop: entry.toStop,
          status: 'ACTIVE',
          expiresAt: new Date(Date.now() + this.config.waitlistOfferSeconds * 1000),
        };
        const limit = this.config.maxHoldsPerUserPerShow;
        const placed = await this.lifecycle.openHoldExpiringLapsed(tx, hold, choice.seatIds, limit);
        if (placed.outcome === 'limit') return { outcome: 'skip', entryId: entry.id };
        if (placed.outcome !== 'held') {
          this.log.info({ showId: show.showId, outcome: placed.outcome }, 'waiting-list offer deferred');
          return { outcome: 'none' };
        }
        await markOffered(tx, entry.id, hold.id);
        await this.outbox.record(tx, 'WaitlistOffered', {
          entryId: entry.id,
          showId: show.showId,
          userId: entry.userId,
          holdId: hold.id,
          seatIds: choice.seatIds,
          fromStop: entry.fromStop,
          toStop: entry.toStop,
          expiresAt: hold.expiresAt.toISOString(),
        });
        return { outcome: 'offered' };
      }
      return { outcome: 'none' };
    });
  }
}

/** Bookings' own consumer of its seat-freeing events, for the waiting lists. */
export function waitlistConsumer(waitlist: WaitlistService): EventConsumer {
  return {
    durable: 'bookings-waitlist',
    handlers: {
      SeatsReleased: ({ payload }) => waitlist.freed(payload.showId, payload.holdId),
      BookingCancelled: ({ payload }) => waitlist.freed(payload.showId),
      BookingSeatsCancelled: ({ payload }) => waitlist.freed(payload.showId),
      BookingConfirmed: ({ payload }) => waitlist.booked(payload.bookingId),
    },
  };
}
