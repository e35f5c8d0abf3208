import { randomUUID } from 'node:crypto';
import { BadUserInputError, isId, requireAdmin, type Db, type Identity, type Outbox } from '@seats/platform';
import { insertVenue, listVenues, type ScreenWithSeats } from './db/venues.js';
import { cinemaSeats, eventSeat } from './domain/layout.js';
import { validateVenue, type ScreenDraft, type VenueInput } from './domain/venue.js';
import type { Loaders } from './loaders.js';
import type { LayoutSeatModel, ScreenModel, VenueModel } from './models.js';

/** Cinemas with their screens and seat layouts: read by anyone, added by an admin. */
export class VenueService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {}

  /** Every venue, by name. */
  venues(): Promise<VenueModel[]> {
    return listVenues(this.db);
  }

  /** A venue by an id in any case; null for an unknown or malformed one. */
  async venue(loaders: Loaders, id: string): Promise<VenueModel | null> {
    return isId(id) ? loaders.venue.load(id.toLowerCase()) : null;
  }

  /** A stored screen's venue; every screen has one (the foreign key). */
  async venueOf(loaders: Loaders, screen: ScreenModel): Promise<VenueModel> {
    const venue = await loaders.venue.load(screen.venueId);
    if (!venue) throw new Error(`screen ${screen.id} has no venue`);
    return venue;
  }

  /** A stored venue's screens in the order they were given. */
  async screensOf(loaders: Loaders, venueId: string): Promise<ScreenModel[]> {
    return (await loaders.screensOfVenue.load(venueId)) ?? [];
  }

  /** A screen by an id in any case; null for an unknown or malformed one. */
  async screen(loaders: Loaders, id: string): Promise<ScreenModel | null> {
    return isId(id) ? loaders.screen.load(id.toLowerCase()) : null;
  }

  /** A stored screen's seats, front to back and left to right. */
  async layout(loaders: Loaders, screenId: string): Promise<LayoutSeatModel[]> {
    return (await loaders.layoutSeats.load(screenId)) ?? [];
  }

  /**
   * Adds a cinema with its screens and seat layouts; emits one
   * ScreenUpserted per screen in the same transaction.
   */
  async create(caller: Identity | null, input: VenueInput): Promise<VenueModel> {
    requireAdmin(caller, 'change the catalog');
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
