import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  CodedError,
  ErrorCode,
  parseId,
  PgErrorCode,
  pgErrorCode,
  requireUser,
  ServiceUnavailableError,
  type Db,
  type Identity,
  type LayoutSeat,
  type Outbox,
  type PlatformConfig,
} from '@seats/platform';
import { legsKey, seatStatesOfMany } from './db/inventory.js';
import { lockBestSeatsChoice, showCancelledMeanwhile, type PlacedHold } from './db/holds.js';
import { chooseBestSeats, type BestSeatsAsk, type Relaxation, type SeatPosition } from './domain/best-seats.js';
import { holdLegs, type Legs } from './domain/legs.js';
import { refuseHold, showOnSale } from './holds.js';
import type { Lifecycle } from './lifecycle.js';
import type { Loaders } from './loaders.js';
import type { BestSeatsModel, HoldModel, InventoryShow } from './models.js';
import type { SeatCatalog } from './seat-catalog.js';

export interface LockBestSeatsRequest {
  showId: string;
  count: number;
  category?: string | null;
  accessible?: boolean | null;
  near?: { x: number; y: number } | null;
  position?: SeatPosition | null;
  fromStop?: number | null;
  toStop?: number | null;
}

/** Tries of choose-and-hold when a hold of named seats took a chosen seat in between. */
const maxTries = 5;
/** How far from the layout a focal point may lie (layout coordinates are grid positions). */
const nearLimit = 10_000;

/**
 * Best available: chooses the seats (`chooseBestSeats`) and holds them in
 * one transaction per try, under the show's best-available lock (so two
 * choices never see the same free seats) and then the same statement as
 * `lockSeats` (the seats' locks, every check inside them, the exclusion
 * constraint beneath). A hold of named seats may still take a chosen seat
 * between the read and the hold: that try ends and the next reads again.
 */
export class BestSeatsService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly lifecycle: Lifecycle,
    private readonly catalog: SeatCatalog,
    private readonly config: PlatformConfig,
  ) {}

  async lock(identity: Identity | null, loaders: Loaders, input: LockBestSeatsRequest): Promise<BestSeatsModel> {
    const caller = requireUser(identity);
    const showId = parseId(input.showId, 'input.showId');
    const show = await showOnSale(this.catalog, loaders, showId);
    const legs = holdLegs(show, input.fromStop, input.toStop);
    const seats = await this.catalog.layoutSeats(loaders, show);
    const ask = this.ask(show, seats, input);
    const hold: HoldModel = {
      id: randomUUID(),
      showId,
      userId: caller.userId,
      fromStop: legs.fromStop,
      toStop: legs.toStop,
      status: 'ACTIVE',
      expiresAt: new Date(Date.now() + this.config.holdTtlSeconds * 1000),
    };
    for (let attempt = 0; attempt < maxTries; attempt++) {
      const tried = await this.tryOnce(show, seats, legs, ask, hold);
      if (tried === 'taken meanwhile') continue;
      if (tried.placed.outcome !== 'held') refuseHold(tried.placed, input, this.config.maxHoldsPerUserPerShow);
      this.outbox.kick();
      return { hold, together: !tried.relaxed.includes('SPLIT'), relaxed: tried.relaxed };
    }
    throw new ServiceUnavailableError('The seats chosen kept being taken; try again', 1);
  }

  private async tryOnce(
    show: InventoryShow,
    seats: readonly LayoutSeat[],
    legs: Legs,
    ask: BestSeatsAsk,
    hold: HoldModel,
  ): Promise<'taken meanwhile' | { placed: PlacedHold; relaxed: Relaxation[] }> {
    const limit = this.config.maxHoldsPerUserPerShow;
    try {
      return await this.db.transaction(async (tx) => {
        await lockBestSeatsChoice(tx, show.showId);
        const key = { showId: show.showId, from: legs.from, to: legs.to };
        const states = (await seatStatesOfMany(tx, [key])).get(legsKey(key));
        const taken = new Set([...(states?.held ?? []), ...(states?.booked ?? [])]);
        const choice = chooseBestSeats(show.kind, seats, taken, ask);
        if (!choice)
          throw new CodedError(`Fewer than ${ask.count} free seats match`, ErrorCode.SeatsUnavailable, { seatIds: [] });
        const placed = await this.lifecycle.openHoldExpiringLapsed(tx, hold, choice.seatIds, limit);
        // Taken by a hold of named seats since the read: commit what was expired, then choose again.
        if (placed.outcome === 'taken') return 'taken meanwhile' as const;
        return { placed, relaxed: choice.relaxed };
      });
    } catch (err) {
      const code = pgErrorCode(err);
      if (code === PgErrorCode.lockNotAvailable) {
        throw new ServiceUnavailableError('Too many best-available requests for this show at once; try again', 1);
      }
      if (code === PgErrorCode.exclusionViolation) return 'taken meanwhile';
      if (code === showCancelledMeanwhile) throw new BadUserInputError('input.showId', 'The show was cancelled');
      throw err;
    }
  }

  /** The request checked against the show; errors name fields under `input.`. */
  private ask(show: InventoryShow, seats: readonly LayoutSeat[], input: LockBestSeatsRequest): BestSeatsAsk {
    const max = this.config.maxSeatsPerHold;
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > max) {
      throw new BadUserInputError('input.count', `count must be between 1 and ${max}`);
    }
    if (input.position != null && show.kind !== 'TRIP') {
      throw new BadUserInputError('input.position', 'position applies to train trips only');
    }
    const near = input.near ?? null;
    if (near && ![near.x, near.y].every((v) => Number.isFinite(v) && Math.abs(v) <= nearLimit)) {
      throw new BadUserInputError('input.near', `near must lie within ${nearLimit} of the layout's origin`);
    }
    const category = input.category ?? null;
    if (category !== null) {
      const categories = new Set(seats.map((s) => s.category));
      if (!categories.has(category)) {
        const known = [...categories].sort().join(', ');
        throw new BadUserInputError('input.category', `The show has no seats of that category (it has ${known})`);
      }
    }
    return {
      count: input.count,
      category,
      accessible: input.accessible ?? false,
      near,
      position: input.position ?? null,
    };
  }
}
