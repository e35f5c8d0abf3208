import { index, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The gateway's own Postgres schema, used only when DATABASE_URL is set:
 * rate-limit counters that every gateway instance shares. drizzle-kit
 * generates `../../migrations` from this file; the store queries the table
 * with plain SQL.
 */
export const schema = pgSchema('gateway');

/** One row per limited key and fixed window; `hits` only grows until the window ends. */
export const rateLimits = schema.table(
  'rate_limits',
  {
    /** `<operation>:<subject>`, e.g. `login:ip:203.0.113.7` or `lockSeats:user:<uuid>`. */
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
    /** When the window ends; rows past it are deleted now and then. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_expires_idx').on(t.expiresAt)],
);
