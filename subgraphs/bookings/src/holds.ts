import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  parseId,
  PgErrorCode,
  pgErrorCode,
  requireUser,
  SeatsUnavailableError,
  sql,
  startPeriodic,
  type Db,
  type Identity,
  type Logger,
  type Outbox,
  type PeriodicTask,
  type PlatformConfig,
  type Tx,
} from '@seats/platform';
import type { HoldModel } from './models.js';
import type { Legs, SeatCatalog } from './seat-catalog.js';
import { checkSeatRef, parseSeatRef, type SeatRef } from './seat-ids.js';
import { bookingStore } from './store/bookings.js';
import { holdStore } from './store/holds.js';
import { inventoryStore, type ShowRow } from './store/inventory.js';

export interface LockSeatsRequest {
  showId: string;
  seatIds: readonly string[];
  fromStop?: number | null;
  toStop?: number | null;
}

/** Seat holds: the advisory-lock mutation, release, and expiry. */
export class HoldService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly catalog: SeatCatalog,
    private readonly config: PlatformConfig,
    private readonly log: Logger,
  ) {}

  /** Holds all the seats or none; SEATS_UNAVAILABLE lists those taken. */
  async lock(identity: Identity | null, input: LockSeatsRequest): Promise<HoldModel> {
    const caller = requireUser(identity);
    const showId = parseId(input.showId, 'input.showId');
    const refs = this.seatRefs(input.seatIds);
    const show = await this.showOnSale(showId);
    const legs = this.catalog.legs(show, input.fromStop, input.toStop, 'input.', true);
    for (const ref of refs) checkSeatRef(ref, show.showId, 'input.seatIds');
    const seatIds = refs.map((ref) => ref.code);
    // Errors name seats as the client named them.
    const given = new Map(refs.map((ref) => [ref.code, ref.given]));
    const named = (codes: string[]) => codes.map((code) => given.get(code) ?? code);
    const unknown = await this.catalog.unknownSeats(show, seatIds);
    if (unknown.length > 0) throw new BadUserInputError('input.seatIds', `Unknown seats: ${named(unknown).join(', ')}`);
    try {
      const hold = await this.db.transaction((tx) => this.lockInTransaction(tx, caller, show, seatIds, legs));
      this.outbox.kick();
      return hold;
    } catch (err) {
      if (err instanceof SeatsUnavailableError) throw new SeatsUnavailableError(named([...err.seatIds]));
      const code = pgErrorCode(err);
      if (code === PgErrorCode.exclusionViolation || code === PgErrorCode.lockNotAvailable)
        throw new SeatsUnavailableError(named(seatIds));
      throw err;
    }
  }

  private async lockInTransaction(
    tx: Tx,
    identity: Identity,
    show: ShowRow,
    seatIds: string[],
    legs: Legs,
  ): Promise<HoldModel> {
    await tx.execute(sql`set local lock_timeout = '5s'`);
    await holdStore.lockSeats(tx, show.showId, seatIds, identity.userId);
    for (const lapsed of await holdStore.lapsedHoldsOn(tx, show.showId, seatIds)) {
      await this.endHold(tx, lapsed, 'EXPIRED');
    }
    const limit = this.config.maxHoldsPerUserPerShow;
    if ((await holdStore.countActiveHolds(tx, identity.userId, show.showId)) >= limit) {
      throw new BadUserInputError(
        'input.showId',
        `At most ${limit} active holds per show: check out or release one first`,
      );
    }
    const taken = await holdStore.takenSeats(tx, show.showId, seatIds, legs.from, legs.to);
    if (taken.length > 0) throw new SeatsUnavailableError(taken.sort());
    const hold: HoldModel = {
      id: randomUUID(),
      showId: show.showId,
      userId: identity.userId,
      fromStop: legs.fromStop,
      toStop: legs.toStop,
      status: 'ACTIVE',
      expiresAt: new Date(Date.now() + this.config.holdTtlSeconds * 1000),
    };
    await holdStore.insertHold(tx, hold, seatIds, legs.from, legs.to);
    const version = await inventoryStore.nextVersionOnSale(tx, show.showId);
    if (version === null) throw new BadUserInputError('input.showId', 'The show was cancelled');
    await this.outbox.record(tx, 'SeatsHeld', {
      holdId: hold.id,
      showId: show.showId,
      userId: identity.userId,
      seatIds,
      fromStop: legs.fromStop,
      toStop: legs.toStop,
      expiresAt: hold.expiresAt.toISOString(),
      version,
    });
    return hold;
  }

  /** Releases the caller's active hold; false when it was no longer active. */
  async release(identity: Identity | null, holdIdInput: string): Promise<boolean> {
    const caller = requireUser(identity);
    const holdId = parseId(holdIdInput, 'holdId');
    const released = await this.db.transaction(async (tx) => {
      const hold = await holdStore.find(tx, holdId, true);
      if (!hold) throw new NotFoundError('Hold');
      if (hold.userId !== caller.userId) throw new ForbiddenError('Only the owner can release a hold');
      if (hold.status !== 'ACTIVE') return false;
      await this.endHold(tx, hold, hold.expiresAt.getTime() <= Date.now() ? 'EXPIRED' : 'RELEASED');
      return true;
    });
    this.outbox.kick();
    return released;
  }

  /** Expires due holds; several instances can sweep at once without taking the same hold. */
  async sweep(limit = 200): Promise<number> {
    const count = await this.db.transaction(async (tx) => {
      const due = await holdStore.claimDue(tx, limit);
      for (const hold of due) await this.endHold(tx, hold, 'EXPIRED');
      return due.length;
    });
    if (count > 0) this.outbox.kick();
    return count;
  }

  /** Starts the expiry sweeper. */
  startSweeper(): PeriodicTask {
    const { sweepIntervalMs } = this.config;
    return startPeriodic({ name: 'hold sweep', everyMs: sweepIntervalMs, run: () => this.sweep(), log: this.log });
  }

  /** Ends an active hold, frees its seats and records the release. */
  async endHold(tx: Tx, hold: HoldModel, status: 'RELEASED' | 'EXPIRED'): Promise<void> {
    const seatIds = await holdStore.seatIds(tx, hold.id);
    await holdStore.setStatus(tx, hold.id, status);
    await this.expirePendingBooking(tx, hold.id);
    const version = await inventoryStore.nextVersion(tx, hold.showId);
    await this.outbox.record(tx, 'SeatsReleased', {
      holdId: hold.id,
      showId: hold.showId,
      seatIds,
      fromStop: hold.fromStop,
      toStop: hold.toStop,
      reason: status,
      version,
    });
  }

  /**
   * A checkout still waiting for its payment ends with its hold; a payment
   * that succeeds later finds the booking EXPIRED and is refunded.
   */
  private async expirePendingBooking(tx: Tx, holdId: string): Promise<void> {
    const booking = await bookingStore.findByHold(tx, holdId);
    if (booking?.status !== 'PENDING_PAYMENT') return;
    await bookingStore.update(tx, booking.id, 'EXPIRED', null);
    const { id: bookingId, userId, showId, paymentId, total } = booking;
    await this.outbox.record(tx, 'BookingExpired', { bookingId, userId, showId, paymentId, total });
  }

  private seatRefs(seatIds: readonly string[]): SeatRef[] {
    if (seatIds.length === 0) throw new BadUserInputError('input.seatIds', 'Choose at least one seat');
    if (seatIds.length > this.config.maxSeatsPerHold) {
      throw new BadUserInputError('input.seatIds', `At most ${this.config.maxSeatsPerHold} seats per hold`);
    }
    const refs = seatIds.map((id) => parseSeatRef(id, 'input.seatIds'));
    if (new Set(refs.map((ref) => ref.code)).size !== refs.length)
      throw new BadUserInputError('input.seatIds', 'A seat is listed twice');
    return refs;
  }

  private async showOnSale(showId: string): Promise<ShowRow> {
    const show = await inventoryStore.findShow(this.db, showId);
    if (!show) throw new NotFoundError('Show');
    if (show.status !== 'SCHEDULED') throw new BadUserInputError('input.showId', 'The show was cancelled');
    if (show.startsAt.getTime() <= Date.now())
      throw new BadUserInputError('input.showId', 'The show has already started');
    return show;
  }
}
