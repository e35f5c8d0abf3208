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
} from '@seats/platform';
import {
  claimDueHolds,
  findHold,
  lockHold,
  lockHoldKeys,
  lockLapsedHoldsOn,
  showCancelledMeanwhile,
  type PlacedHold,
} from './db/holds.js';
import { holdLegs } from './domain/legs.js';
import { checkSeatRef, parseSeatRef, type SeatRef } from './domain/seat-ids.js';
import type { Lifecycle } from './lifecycle.js';
import type { Loaders } from './loaders.js';
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
    private readonly config: PlatformConfig,
    private readonly log: Logger,
  ) {}

  /**
   * Holds all the seats or none; SEATS_UNAVAILABLE lists those taken. One
   * statement, one round trip that commits (`Lifecycle.openHold`): the
   * seats' advisory locks, every check inside them, and the hold, its
   * seats, the show's next version and SeatsHeld. When active holds on the
   * seats have lapsed and the sweeper has not reached them yet, one
   * transaction expires them under the same locks and places the hold.
   */
  async lock(identity: Identity | null, input: LockSeatsRequest): Promise<HoldModel> {
    const caller = requireUser(identity);
    const showId = parseId(input.showId, 'input.showId');
    const refs = this.seatRefs(input.seatIds);
    for (const ref of refs) checkSeatRef(ref, showId, 'input.seatIds');
    const seatIds = refs.map((ref) => ref.code);
    // Errors name seats as the client named them.
    const given = new Map(refs.map((ref) => [ref.code, ref.given]));
    const named = (codes: readonly string[]) => codes.map((code) => given.get(code) ?? code);
    const hold: HoldModel = {
      id: randomUUID(),
      showId,
      userId: caller.userId,
      fromStop: input.fromStop ?? null,
      toStop: input.toStop ?? null,
      status: 'ACTIVE',
      expiresAt: new Date(Date.now() + this.config.holdTtlSeconds * 1000),
    };
    const limit = this.config.maxHoldsPerUserPerShow;
    let placed: PlacedHold;
    try {
      placed = await this.lifecycle.openHold(this.db, hold, seatIds, limit);
      if (placed.outcome === 'lapsed') {
        placed = await this.db.transaction(async (tx) => {
          await lockHoldKeys(tx, showId, caller.userId, seatIds);
          for (const lapsed of await lockLapsedHoldsOn(tx, showId, seatIds)) {
            await this.lifecycle.endHold(tx, lapsed, 'EXPIRED');
          }
          return this.lifecycle.openHold(tx, hold, seatIds, limit);
        });
      }
    } catch (err) {
      const code = pgErrorCode(err);
      if (code === PgErrorCode.exclusionViolation || code === PgErrorCode.lockNotAvailable)
        throw new SeatsUnavailableError(named(seatIds));
      if (code === showCancelledMeanwhile) throw new BadUserInputError('input.showId', 'The show was cancelled');
      throw err;
    }
    if (placed.outcome !== 'held') refuseHold(placed, input, limit, named);
    this.outbox.kick();
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

/**
 * The show a request names, as bookings knows it, while it is on sale:
 * NOT_FOUND, or BAD_USER_INPUT on `input.showId` once cancelled or started.
 */
export async function showOnSale(catalog: SeatCatalog, loaders: Loaders, showId: string): Promise<InventoryShow> {
  const show = await catalog.show(loaders, showId);
  if (!show) throw new NotFoundError('Show');
  if (show.status !== 'SCHEDULED') refuseHold({ outcome: 'cancelled' }, {}, 0);
  if (show.startsAt.getTime() <= Date.now()) refuseHold({ outcome: 'started' }, {}, 0);
  return show;
}

/**
 * The coded error for a hold `place_hold` did not place; `named` gives the
 * seats as the client named them. Errors name fields under `input.`.
 */
export function refuseHold(
  placed: Exclude<PlacedHold, { outcome: 'held' }>,
  input: { fromStop?: number | null; toStop?: number | null },
  limit: number,
  named: (codes: readonly string[]) => string[] = (codes) => [...codes],
): never {
  switch (placed.outcome) {
    case 'no_show':
      throw new NotFoundError('Show');
    case 'cancelled':
      throw new BadUserInputError('input.showId', 'The show was cancelled');
    case 'started':
      throw new BadUserInputError('input.showId', 'The show has already started');
    case 'legs':
      // Names the field and the rule; the statement refuses exactly what this refuses.
      holdLegs(placed, input.fromStop, input.toStop);
      throw new BadUserInputError('input.fromStop', 'The stops do not fit the show');
    case 'unknown_seats':
      throw new BadUserInputError('input.seatIds', `Unknown seats: ${named(placed.seatIds).join(', ')}`);
    case 'limit':
      throw new BadUserInputError(
        'input.showId',
        `At most ${limit} active holds per show: check out or release one first`,
      );
    case 'taken':
      throw new SeatsUnavailableError(named(placed.seatIds));
    case 'lapsed':
      throw new Error('lapsed holds were still active after they were expired');
  }
}
