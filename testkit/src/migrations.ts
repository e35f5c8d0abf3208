import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a migrations folder of one migration, `0000_init.sql`, for suites
 * that need a schema of their own rather than a subgraph's: `statements` are
 * joined with drizzle's statement breakpoints.
 *
 * @example
 * writeMigration(dir, ['create schema once_test', 'create table once_test.effects (...)']);
 * const target = await openTestDatabase(mode, { name: 'once_test', migrationsFolder: dir });
 */
export function writeMigration(dir: string, statements: readonly string[]): void {
  fs.mkdirSync(path.join(dir, 'meta'), { recursive: true });
  const entry = { idx: 0, version: '7', when: 1_700_000_000_000, tag: '0000_init', breakpoints: true };
  fs.writeFileSync(
    path.join(dir, 'meta', '_journal.json'),
    JSON.stringify({ version: '7', dialect: 'postgresql', entries: [entry] }),
  );
  fs.writeFileSync(path.join(dir, '0000_init.sql'), statements.join(';\n--> statement-breakpoint\n'));
}

/**
 * The statements of a schema with only an outbox table in it, as
 * `defineOutbox` declares it: for suites that test the outbox on its own.
 *
 * @example
 * writeMigration(dir, outboxSchemaStatements('outbox_test'));
 */
export function outboxSchemaStatements(schema: string): string[] {
  return [
    `create schema ${schema}`,
    `create table ${schema}.outbox (seq bigserial primary key, id uuid not null unique, type text not null,
       payload jsonb not null, occurred_at timestamptz not null default now(), published_at timestamptz,
       consumed_at timestamptz)`,
  ];
}
