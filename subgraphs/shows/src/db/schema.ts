import { defineOutbox, defineProcessedEvents, type RouteStop } from '@seats/platform';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** The schedule's own Postgres schema: shows, and what it knows of the catalog. */
export const schema = pgSchema('shows');

const sourceAt = () => timestamp('source_at', { withTimezone: true, mode: 'date' }).notNull();

/*
 * Projections of the catalog, fed by its events. `source_at` is the time of
 * the event that last wrote the row, so a late, older event never wins.
 */

export const movies = schema.table('movies', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  /** Archived in the catalog: no more screenings of it may be scheduled. */
  archived: boolean('archived').notNull().default(false),
  sourceAt: sourceAt(),
});

export const screens = schema.table('screens', {
  id: uuid('id').primaryKey(),
  venueId: uuid('venue_id').notNull(),
  name: text('name').notNull(),
  categories: text('categories').array().notNull(),
  sourceAt: sourceAt(),
});

export const trains = schema.table('trains', {
  id: uuid('id').primaryKey(),
  number: text('number').notNull(),
  name: text('name').notNull(),
  route: jsonb('route').$type<RouteStop[]>().notNull(),
  travelClasses: text('travel_classes').array().notNull(),
  sourceAt: sourceAt(),
});

export const shows = schema.table(
  'shows',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<'SCREENING' | 'TRIP'>().notNull(),
    movieId: uuid('movie_id').references(() => movies.id),
    screenId: uuid('screen_id').references(() => screens.id),
    trainId: uuid('train_id').references(() => trains.id),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status').$type<'SCHEDULED' | 'CANCELLED'>().notNull().default('SCHEDULED'),
    currency: text('currency').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'shows_kind_refs',
      sql`(kind = 'SCREENING' and movie_id is not null and screen_id is not null and train_id is null)
        or (kind = 'TRIP' and train_id is not null and movie_id is null and screen_id is null)`,
    ),
    check('shows_status', sql`status in ('SCHEDULED', 'CANCELLED')`),
    check('shows_ends_after_start', sql`ends_at > starts_at`),
    check('shows_currency', sql`currency ~ '^[A-Z]{3}$'`),
    index('shows_movie_idx').on(t.movieId, t.startsAt),
    index('shows_train_idx').on(t.trainId, t.startsAt),
    index('shows_screen_idx').on(t.screenId, t.startsAt),
  ],
);

export const showPrices = schema.table(
  'show_prices',
  {
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id),
    category: text('category').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.showId, t.category] }),
    check('show_prices_amount', sql`amount between 0 and 1000000`),
  ],
);

export const showStops = schema.table(
  'show_stops',
  {
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id),
    index: integer('index').notNull(),
    stationId: uuid('station_id').notNull(),
    arrivesAt: timestamp('arrives_at', { withTimezone: true, mode: 'date' }),
    departsAt: timestamp('departs_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.showId, t.index] }),
    // Trip search: trains leaving a station on a day.
    index('show_stops_station_departs_idx').on(t.stationId, t.departsAt),
  ],
);

export const outbox = defineOutbox(schema);
export const processedEvents = defineProcessedEvents(schema);
