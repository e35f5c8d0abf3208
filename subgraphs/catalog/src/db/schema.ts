import { defineOutbox } from '@seats/platform';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The catalog's own Postgres schema: movies, venues and screens, stations and trains. */
export const schema = pgSchema('catalog');

export const movies = schema.table(
  'movies',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    durationMinutes: integer('duration_minutes').notNull(),
    genres: text('genres')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ageRating: text('age_rating'),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    posterUrl: text('poster_url'),
    /** Set once an admin archives the movie: no longer listed nor scheduled; its shows stay. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Keyset pagination walks (title, id).
    index('movies_title_id_idx').on(t.title, t.id),
    check('movies_duration_range', sql`duration_minutes between 1 and 600`),
  ],
);

export const venues = schema.table(
  'venues',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    city: text('city').notNull(),
    address: text('address').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('venues_name_id_idx').on(t.name, t.id)],
);

export const screens = schema.table(
  'screens',
  {
    id: uuid('id').primaryKey(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    // Kept with the screen so listing screens never aggregates thousands of seats.
    seatCount: integer('seat_count').notNull(),
    categories: text('categories').array().notNull(),
  },
  (t) => [
    uniqueIndex('screens_venue_name_key').on(t.venueId, t.name),
    index('screens_venue_idx').on(t.venueId, t.position),
  ],
);

export const layoutSeats = schema.table(
  'layout_seats',
  {
    screenId: uuid('screen_id')
      .notNull()
      .references(() => screens.id),
    seatId: text('seat_id').notNull(),
    label: text('label').notNull(),
    row: text('row').notNull(),
    number: integer('number').notNull(),
    category: text('category').notNull(),
    x: integer('x').notNull(),
    y: integer('y').notNull(),
    accessible: boolean('accessible').notNull().default(false),
    // AISLE beside a declared aisle; null elsewhere (train seats are not stored).
    position: text('position').$type<'WINDOW' | 'AISLE'>(),
  },
  (t) => [
    primaryKey({ columns: [t.screenId, t.seatId] }),
    check('layout_seats_position', sql`position in ('WINDOW', 'AISLE')`),
  ],
);

export const stations = schema.table('stations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull().unique('stations_name_key'),
});

export const trains = schema.table(
  'trains',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique('trains_number_key'),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('trains_number_id_idx').on(t.number, t.id)],
);

export const routeStops = schema.table(
  'route_stops',
  {
    trainId: uuid('train_id')
      .notNull()
      .references(() => trains.id),
    index: integer('index').notNull(),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    arrivesAfterMinutes: integer('arrives_after_minutes'),
    departsAfterMinutes: integer('departs_after_minutes'),
  },
  (t) => [
    primaryKey({ columns: [t.trainId, t.index] }),
    check(
      'route_stops_minutes_order',
      sql`arrives_after_minutes is null or departs_after_minutes is null or departs_after_minutes >= arrives_after_minutes`,
    ),
  ],
);

export const coaches = schema.table(
  'coaches',
  {
    trainId: uuid('train_id')
      .notNull()
      .references(() => trains.id),
    number: integer('number').notNull(),
    travelClass: text('travel_class').$type<'FIRST' | 'SECOND'>().notNull(),
    rows: integer('rows').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.trainId, t.number] }),
    check('coaches_travel_class', sql`travel_class in ('FIRST', 'SECOND')`),
    check('coaches_rows_range', sql`"rows" between 1 and 30`),
  ],
);

export const outbox = defineOutbox(schema);
