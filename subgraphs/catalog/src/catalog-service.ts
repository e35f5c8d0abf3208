import { randomUUID } from 'node:crypto';
import { BadUserInputError, PgErrorCode, pgErrorCode, type Db, type Outbox } from '@seats/platform';
import { insertMovie, insertTrain, insertVenue, type ScreenWithSeats } from './db/writes.js';
import { cinemaSeats, eventSeat, trainSeats } from './domain/layout.js';
import { validateMovie, type MovieInput } from './domain/movie.js';
import { validateTrain, type TrainInput } from './domain/train.js';
import { validateVenue, type ScreenDraft, type VenueInput } from './domain/venue.js';
import type { MovieModel, TrainModel, VenueModel } from './models.js';

/**
 * The catalog's changes. Each validates its input, then writes the rows and
 * the events announcing them in one transaction (the outbox relays them
 * after commit), so other subgraphs learn of exactly what was stored.
 */
export class CatalogService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {}

  /** Adds a movie; emits MovieUpserted. */
  async createMovie(input: MovieInput): Promise<MovieModel> {
    const draft = validateMovie(input);
    const movie = await this.db.transaction(async (tx) => {
      const row = await insertMovie(tx, { id: randomUUID(), ...draft });
      await this.outbox.record(tx, 'MovieUpserted', {
        movieId: row.id,
        title: row.title,
        durationMinutes: row.durationMinutes,
      });
      return row;
    });
    this.outbox.kick();
    return movie;
  }

  /** Adds a cinema with its screens and seat layouts; emits one ScreenUpserted per screen. */
  async createVenue(input: VenueInput): Promise<VenueModel> {
    const draft = validateVenue(input);
    const venueId = randomUUID();
    const venueScreens = draft.screens.map((screen, i) => withSeats(venueId, screen, `input.screens[${i}].rows`));
    const venue = await this.db.transaction(async (tx) => {
      const row = await insertVenue(
        tx,
        { id: venueId, name: draft.name, city: draft.city, address: draft.address },
        venueScreens,
      );
      for (const screen of venueScreens) {
        await this.outbox.record(tx, 'ScreenUpserted', {
          screenId: screen.id,
          venueId,
          name: screen.name,
          seats: screen.seats.map(eventSeat),
        });
      }
      return row;
    });
    this.outbox.kick();
    return venue;
  }

  /** Adds a train with its route and coaches; emits TrainUpserted with its seats. */
  async createTrain(input: TrainInput): Promise<TrainModel> {
    const draft = validateTrain(input);
    const train: TrainModel = { id: randomUUID(), number: draft.number, name: draft.name };
    try {
      await this.db.transaction(async (tx) => {
        const route = await insertTrain(tx, train, draft.route, draft.coaches);
        await this.outbox.record(tx, 'TrainUpserted', {
          trainId: train.id,
          number: train.number,
          name: train.name,
          route,
          seats: trainSeats(draft.coaches).map(eventSeat),
        });
      });
    } catch (err) {
      // Two admins adding the same number at once: the unique key decides.
      if (pgErrorCode(err) === PgErrorCode.uniqueViolation)
        throw new BadUserInputError('input.number', 'a train with this number exists');
      throw err;
    }
    this.outbox.kick();
    return train;
  }
}

/**
 * A screen's layout travels whole in one ScreenUpserted event; NATS refuses
 * messages over its max_payload (1 MiB by default), and an event the relay
 * cannot publish would hold up every later one. A 10,000-seat hall with
 * short row and category names stays below this.
 */
export const maxLayoutEventBytes = 1_000_000;

function withSeats(venueId: string, screen: ScreenDraft, field: string): ScreenWithSeats {
  const seats = cinemaSeats(screen.rows);
  if (Buffer.byteLength(JSON.stringify(seats.map(eventSeat))) > maxLayoutEventBytes) {
    throw new BadUserInputError(field, 'the layout is too large to publish; use shorter row or category names');
  }
  const categories = [...new Set(seats.map((seat) => seat.category))];
  return { id: randomUUID(), venueId, name: screen.name, seatCount: seats.length, categories, seats };
}
