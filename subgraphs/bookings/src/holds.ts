import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  ownsOrAdministers,
  parseId,
  PgErrorCode,
  pgErrorCode,
  requireUser,
  SeatsUnavailableError,
  startPeriodic,
  type Db,
  type Identity,
  type Logger,
  type Outbox,
  type PeriodicTask,
  type PlatformConfig,
  type Tx,
} from '@seats/platform';
import {
  claimDueHolds,
  countActiveHolds,
  findHold,
  limitLockWait,
  lockHold,
  lockLapsedHoldsOn,
  lockSeatKeys,
  takenSeats,
} from './db/holds.js';
import { findShow } from './db/inventory.js';
import { holdLegs, type Legs } from './domain/legs.js';
import { checkSeatRef, parseSeatRef, type SeatRef } from './domain/seat-ids.js';
import type { Lifecycle } from './lifecycle.js';
import type { HoldModel, InventoryShow } from './models.js';
import type { SeatCatalog } from './seat-catalog.js';

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
    private readonly lifecycle: Lifecycle,
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
    const legs = holdLegs(show, input.fromStop, input.toStop);
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
    show: InventoryShow,
    seatIds: string[],
    legs: Legs,
  ): Promise<HoldModel> {
    await limitLockWait(tx);
    await lockSeatKeys(tx, show.showId, seatIds, identity.userId);
    for (const lapsed of await lockLapsedHoldsOn(tx, show.showId, seatIds)) {
      await this.lifecycle.endHold(tx, lapsed, 'EXPIRED');
    }
    const limit = this.config.maxHoldsPerUserPerShow;
    if ((await countActiveHolds(tx, identity.userId, show.showId)) >= limit) {
      throw new BadUserInputError(
        'input.showId',
        `At most ${limit} active holds per show: check out or release one first`,
      );
    }
    const taken = await takenSeats(tx, show.showId, seatIds, legs.from, legs.to);
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
    await this.lifecycle.openHold(tx, hold, seatIds, legs);
    return hold;
  }

  /** Releases the caller's active hold; false when it was no longer active. */
  async release(identity: Identity | null, holdIdInput: string): Promise<boolean> {
    const caller = requireUser(identity);
    const holdId = parseId(holdIdInput, 'holdId');
    const released = await this.db.transaction(async (tx) => {
      const hold = await lockHold(tx, holdId);
      if (!hold) throw new NotFoundError('Hold');
      if (hold.userId !== caller.userId) throw new ForbiddenError('Only the owner can release a hold');
      if (hold.status !== 'ACTIVE') return false;
      await this.lifecycle.endHold(tx, hold, hold.expiresAt.getTime() <= Date.now() ? 'EXPIRED' : 'RELEASED');
      return true;
    });
    this.outbox.kick();
    return released;
  }

  /** Expires due holds; several instances can sweep at once without taking the same hold. */
  async sweep(limit = 200): Promise<number> {
    const count = await this.db.transaction(async (tx) => {
      const due = await claimDueHolds(tx, limit);
      for (const hold of due) await this.lifecycle.endHold(tx, hold, 'EXPIRED');
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

  /** A hold for its owner or an admin; null otherwise. */
  async visible(identity: Identity | null, idInput: string): Promise<HoldModel | null> {
    const id = parseId(idInput, 'id');
    if (!identity) return null;
    const hold = await findHold(this.db, id);
    return hold && ownsOrAdministers(identity, hold.userId) ? hold : null;
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

  private async showOnSale(showId: string): Promise<InventoryShow> {
    const show = await findShow(this.db, showId);
    if (!show) throw new NotFoundError('Show');
    if (show.status !== 'SCHEDULED') throw new BadUserInputError('input.showId', 'The show was cancelled');
    if (show.startsAt.getTime() <= Date.now())
      throw new BadUserInputError('input.showId', 'The show has already started');
    return show;
  }
}
