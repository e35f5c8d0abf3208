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
  findHold,
  lockHold,
  lockLapsedHoldsOn,
  lockSeatKeys,
  readHoldState,
  takenSeats,
} from './db/holds.js';
import { holdLegs } from './domain/legs.js';
import { checkSeatRef, parseSeatRef, type SeatRef } from './domain/seat-ids.js';
import type { Lifecycle } from './lifecycle.js';
import type { HoldModel } from './models.js';

/** Seats of a hold request that the show's layout does not have (answered as BAD_USER_INPUT). */
class UnknownSeatsError extends Error {
  constructor(readonly seatIds: string[]) {
    super('unknown seats');
  }
}

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
    private readonly config: PlatformConfig,
    private readonly log: Logger,
  ) {}

  /**
   * Holds all the seats or none; SEATS_UNAVAILABLE lists those taken. One
   * transaction of three statements: the seats' advisory locks, one read of
   * everything to check inside them, and one write of the hold, its seats,
   * the show's next version and SeatsHeld (lapsed holds on the seats, which
   * the sweeper has not reached yet, are expired first when there are any).
   */
  async lock(identity: Identity | null, input: LockSeatsRequest): Promise<HoldModel> {
    const caller = requireUser(identity);
    const showId = parseId(input.showId, 'input.showId');
    const refs = this.seatRefs(input.seatIds);
    for (const ref of refs) checkSeatRef(ref, showId, 'input.seatIds');
    const seatIds = refs.map((ref) => ref.code);
    // Errors name seats as the client named them.
    const given = new Map(refs.map((ref) => [ref.code, ref.given]));
    const named = (codes: string[]) => codes.map((code) => given.get(code) ?? code);
    try {
      const hold = await this.db.transaction((tx) => this.lockInTransaction(tx, caller, showId, seatIds, input));
      this.outbox.kick();
      return hold;
    } catch (err) {
      if (err instanceof UnknownSeatsError) {
        throw new BadUserInputError('input.seatIds', `Unknown seats: ${named(err.seatIds).join(', ')}`);
      }
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
    showId: string,
    seatIds: string[],
    input: LockSeatsRequest,
  ): Promise<HoldModel> {
    await lockSeatKeys(tx, showId, seatIds, identity.userId);
    // The legs asked for, before they are checked against the show (read in the same statement).
    const from = input.fromStop ?? 0;
    const to = Math.max(from, input.toStop ?? from + 1);
    const state = await readHoldState(tx, { showId, userId: identity.userId, seatIds, from, to });
    if (!state) throw new NotFoundError('Show');
    if (state.status !== 'SCHEDULED') throw new BadUserInputError('input.showId', 'The show was cancelled');
    if (state.startsAt.getTime() <= Date.now())
      throw new BadUserInputError('input.showId', 'The show has already started');
    const legs = holdLegs(state, input.fromStop, input.toStop);
    if (state.unknownSeats.length > 0) throw new UnknownSeatsError(state.unknownSeats);
    let taken = state.takenSeats;
    if (state.lapsedHolds > 0) {
      for (const lapsed of await lockLapsedHoldsOn(tx, showId, seatIds)) {
        await this.lifecycle.endHold(tx, lapsed, 'EXPIRED');
      }
      taken = await takenSeats(tx, showId, seatIds, legs.from, legs.to);
    }
    const limit = this.config.maxHoldsPerUserPerShow;
    if (state.activeHolds >= limit) {
      throw new BadUserInputError(
        'input.showId',
        `At most ${limit} active holds per show: check out or release one first`,
      );
    }
    if (taken.length > 0) throw new SeatsUnavailableError([...taken].sort());
    const hold: HoldModel = {
      id: randomUUID(),
      showId,
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
}
