import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  isId,
  NotFoundError,
  parseId,
  requireAdmin,
  type Db,
  type Identity,
  type Outbox,
  type Tx,
} from '@seats/platform';
import { findMovie, findScreen, findTrain } from './db/catalog.js';
import {
  findShow,
  insertShow,
  lockScreen,
  lockShow,
  markCancelled,
  screeningOverlaps,
  searchTrips,
} from './db/shows.js';
import {
  addMinutes,
  checkAmounts,
  cleaningBufferMinutes,
  matchCategories,
  parseCurrency,
  parseFutureInstant,
  parseUtcDay,
  tripEnd,
  tripStops,
  type PriceInput,
} from './domain/schedule.js';
import type { Loaders } from './loaders.js';
import type { ShowModel, TripModel } from './models.js';

export interface ScreeningInput {
  movieId: string;
  screenId: string;
  startsAt: string;
  prices: readonly PriceInput[];
  currency?: string | null;
}

export interface TripInput {
  trainId: string;
  departsAt: string;
  prices: readonly PriceInput[];
  currency?: string | null;
}

/** The arguments of a trip search: two station ids and a day (YYYY-MM-DD, UTC). */
export interface TripSearch {
  from: string;
  to: string;
  date: string;
}

const action = 'change the schedule';

/**
 * The schedule. Anyone may read it; an admin schedules and cancels shows.
 * The movie, screen or train must be known from the catalog's events
 * (NOT_FOUND until they arrive). Each show and its event are written in one
 * transaction.
 */
export class ShowService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A show by an id in any case; null for an unknown or malformed one (other subgraphs only pass ids they stored). */
  async show(loaders: Loaders, id: string): Promise<ShowModel | null> {
    return isId(id) ? loaders.show.load(id.toLowerCase()) : null;
  }

  /** Scheduled screenings of a movie that have not started, soonest first; none for a malformed id. */
  async upcomingForMovie(loaders: Loaders, movieId: string): Promise<ShowModel[]> {
    return isId(movieId) ? ((await loaders.upcomingOfMovie.load(movieId.toLowerCase())) ?? []) : [];
  }

  /** Scheduled trips of a train that have not left, soonest first; none for a malformed id. */
  async upcomingForTrain(loaders: Loaders, trainId: string): Promise<ShowModel[]> {
    return isId(trainId) ? ((await loaders.upcomingOfTrain.load(trainId.toLowerCase())) ?? []) : [];
  }

  /** Trips from one station to another leaving the first on the day, by departure. */
  trips(search: TripSearch): Promise<TripModel[]> {
    const from = parseId(search.from, 'from');
    const to = parseId(search.to, 'to');
    if (from === to) throw new BadUserInputError('to', 'to must be another station than from');
    const day = parseUtcDay(search.date, 'date');
    return searchTrips(this.db, from, to, day.start, day.end);
  }

  /** A movie at a screen; refused when the screen is busy (with the cleaning buffer). */
  async scheduleScreening(caller: Identity | null, input: ScreeningInput): Promise<ShowModel> {
    requireAdmin(caller, action);
    const movieId = parseId(input.movieId, 'input.movieId');
    const screenId = parseId(input.screenId, 'input.screenId');
    const startsAt = parseFutureInstant(input.startsAt, 'input.startsAt', this.now());
    const currency = parseCurrency(input.currency);
    checkAmounts(input.prices);
    return this.write(async (tx) => {
      const movie = await findMovie(tx, movieId);
      if (!movie) throw new NotFoundError('Movie');
      if (movie.archived) throw new BadUserInputError('input.movieId', 'The movie is archived');
      const screen = await findScreen(tx, screenId);
      if (!screen) throw new NotFoundError('Screen');
      const prices = matchCategories(input.prices, screen.categories, currency);
      const endsAt = addMinutes(startsAt, movie.durationMinutes);
      await lockScreen(tx, screenId);
      if (await screeningOverlaps(tx, screenId, startsAt, endsAt, cleaningBufferMinutes)) {
        throw new BadUserInputError('input.startsAt', 'the screen is busy at that time');
      }
      const show = newShow({ kind: 'SCREENING', movieId, screenId, startsAt, endsAt, currency, prices });
      await insertShow(tx, show);
      await this.announce(tx, show, screenId, 1);
      return show;
    });
  }

  /** A train trip leaving its origin at `departsAt`; prices are per leg and travel class. */
  async scheduleTrip(caller: Identity | null, input: TripInput): Promise<ShowModel> {
    requireAdmin(caller, action);
    const trainId = parseId(input.trainId, 'input.trainId');
    const departsAt = parseFutureInstant(input.departsAt, 'input.departsAt', this.now());
    const currency = parseCurrency(input.currency);
    checkAmounts(input.prices);
    return this.write(async (tx) => {
      const train = await findTrain(tx, trainId);
      if (!train) throw new NotFoundError('Train');
      const prices = matchCategories(input.prices, train.travelClasses, currency);
      const stops = tripStops(train.route, departsAt);
      const endsAt = tripEnd(train.route, departsAt);
      const show = newShow({ kind: 'TRIP', trainId, startsAt: departsAt, endsAt, currency, prices, stops });
      await insertShow(tx, show);
      await this.announce(tx, show, trainId, stops.length - 1);
      return show;
    });
  }

  /**
   * Cancels a show that has not ended yet and announces it (ShowCancelled):
   * bookings then releases its holds and cancels and refunds its bookings.
   * Cancelling a cancelled show changes nothing and announces nothing.
   */
  async cancelShow(caller: Identity | null, idInput: string): Promise<ShowModel> {
    const admin = requireAdmin(caller, action);
    const id = parseId(idInput, 'id');
    const announced = await this.db.transaction(async (tx) => {
      const show = await lockShow(tx, id);
      if (!show) throw new NotFoundError('Show');
      if (show.status === 'CANCELLED') return false;
      if (show.endsAt.getTime() <= this.now().getTime()) throw new BadUserInputError('id', 'the show is over');
      await markCancelled(tx, id);
      await this.outbox.record(tx, 'ShowCancelled', { showId: id, cancelledBy: admin.userId });
      return true;
    });
    if (announced) this.outbox.kick();
    const show = await findShow(this.db, id);
    if (!show) throw new NotFoundError('Show');
    return show;
  }

  private async write(work: (tx: Tx) => Promise<ShowModel>): Promise<ShowModel> {
    const show = await this.db.transaction(work);
    this.outbox.kick();
    return show;
  }

  private async announce(tx: Tx, show: ShowModel, layoutId: string, legCount: number): Promise<void> {
    await this.outbox.record(tx, 'ShowScheduled', {
      showId: show.id,
      kind: show.kind,
      layoutId,
      startsAt: show.startsAt.toISOString(),
      legCount,
      prices: show.prices,
    });
  }
}

function newShow(
  parts: Partial<ShowModel> & Pick<ShowModel, 'kind' | 'startsAt' | 'endsAt' | 'currency' | 'prices'>,
): ShowModel {
  return { id: randomUUID(), movieId: null, screenId: null, trainId: null, status: 'SCHEDULED', stops: [], ...parts };
}
