import { sql } from 'drizzle-orm';
import { check, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { defineOutbox } from '@seats/platform';

/** Everything the users subgraph stores lives in the `users` Postgres schema. */
export const schema = pgSchema('users');

export const roles = ['USER', 'ADMIN'] as const;

/**
 * Accounts. `email` is stored normalised (trimmed, lower-cased) so the unique
 * index alone decides whether an address is taken.
 */
export const accounts = schema.table(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: roles }).notNull().default('USER'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_email_key').on(t.email),
    check('accounts_role_check', sql`${t.role} in ('USER', 'ADMIN')`),
    check('accounts_email_length_check', sql`char_length(${t.email}) between 3 and 254`),
    check('accounts_name_length_check', sql`char_length(${t.name}) between 1 and 100`),
  ],
);

/**
 * Refresh tokens, one row per issued token. Only the SHA-256 of the opaque
 * token is kept, so a leaked table cannot be replayed. Tokens rotated from one
 * another share a `family_id`; `expires_at` is the family's absolute end and is
 * copied to every token of the family.
 */
export const refreshTokens = schema.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('refresh_tokens_token_hash_key').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_user_idx').on(t.userId),
    index('refresh_tokens_expires_idx').on(t.expiresAt),
    check('refresh_tokens_token_hash_check', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('refresh_tokens_idle_check', sql`${t.idleExpiresAt} <= ${t.expiresAt}`),
  ],
);

export const outbox = defineOutbox(schema);
