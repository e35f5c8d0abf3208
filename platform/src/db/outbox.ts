import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { bigserial, index, jsonb, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import { parseEvent } from '../bus/inbound.js';
import type { EventBus, OutboundEvent } from '../bus/types.js';
import { isEventType, type BusEvent, type EventPayloads, type EventType } from '../events.js';
import type { Logger } from '../logger.js';
import { startPeriodic, type PeriodicTask } from '../periodic.js';
import { jsonColumn, selectRows, sql, type Db, type Tx } from './database.js';

/** Event types whose payload carries a `version` (the seat changes of a show). */
export type VersionedEventType = {
  [K in EventType]: EventPayloads[K] extends { version: number } ? K : never;
}[EventType];
/** A versioned event's payload without its version. */
export type Unversioned<T extends VersionedEventType> = Omit<EventPayloads[T], 'version'>;

/** The outbox table, declared in each subgraph's own Postgres schema. */
export function defineOutbox(schema: PgSchema) {
  return schema.table(
    'outbox',
    {
      seq: bigserial('seq', { mode: 'number' }).primaryKey(),
      id: uuid('id').notNull().unique(),
      type: text('type').notNull(),
      payload: jsonb('payload').notNull(),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
      publishedAt: timestamp('published_at', { withTimezone: true }),
    },
    (t) => [
      index('outbox_unpublished_idx')
        .on(t.seq)
        .where(sql`published_at is null`),
    ],
  );
}

/** An outbox row as the relay reads it. */
const outboxRow = z.object({
  seq: z.coerce.number(),
  id: z.string(),
  type: z.custom<EventType>((value) => typeof value === 'string' && isEventType(value)),
  payload: jsonColumn(z.unknown()),
  occurred_at: z.coerce.date(),
});

/**
 * The transactional outbox of one subgraph: `record` writes an event in the
 * caller's transaction; the relay publishes unpublished rows in commit order
 * of discovery (it scans by `published_at is null`, so a row that commits
 * late is never skipped). One relay per outbox runs at a time across
 * instances (a transaction advisory lock), which keeps events in order.
 */
export class Outbox {
  /** Relay passes: one at a time, asked for by `kick` and by the poll. */
  private readonly relay: PeriodicTask;
  private poll: PeriodicTask | undefined;
  private stopped = false;
  private readonly published = new Set<(event: BusEvent) => void>();

  constructor(
    private readonly db: Db,
    private readonly schema: string,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly pollMs = 200,
  ) {
    this.relay = startPeriodic({ name: 'outbox relay', run: () => this.relayUntilEmpty(), log });
  }

  /** Writes an event in the given transaction; returns it. */
  async record<T extends EventType>(tx: Tx, type: T, payload: EventPayloads[T]): Promise<BusEvent<T>> {
    const event: BusEvent<T> = { id: randomUUID(), type, occurredAt: new Date().toISOString(), payload };
    await tx.execute(
      sql`insert into ${sql.identifier(this.schema)}.outbox (id, type, payload, occurred_at)
          values (${event.id}, ${type}, ${JSON.stringify(payload)}::jsonb, ${event.occurredAt})`,
    );
    return event;
  }

  /**
   * Calls `listener` after each event the relay published (at least once
   * per event, in relay order), once it passed the contract's schemas. It
   * must not throw or block.
   */
  onPublished(listener: (event: BusEvent) => void): () => void {
    this.published.add(listener);
    return () => this.published.delete(listener);
  }

  /** Starts polling (commits kick the relay at once; the poll finds what a crashed instance left). */
  start(): void {
    this.poll ??= startPeriodic({
      name: 'outbox poll',
      everyMs: this.pollMs,
      run: () => this.kick(),
      log: this.log,
      immediately: true,
    });
  }

  /**
   * Readiness: throws when the oldest event not yet relayed is older than
   * `stuckAfterMs`, i.e. the outbox does not drain (the bus refuses the
   * events, or nothing relays them). A backlog that moves is no failure.
   */
  async checkDraining(stuckAfterMs = outboxStuckAfterMs): Promise<void> {
    const [oldest] = await selectRows(
      this.db,
      z.object({ age_ms: z.coerce.number() }),
      sql`select extract(epoch from now() - occurred_at) * 1000 as age_ms
          from ${sql.identifier(this.schema)}.outbox where published_at is null order by seq limit 1`,
    );
    if (oldest && oldest.age_ms > stuckAfterMs) {
      throw new Error(`the oldest unrelayed event is ${Math.round(oldest.age_ms / 1000)} s old`);
    }
  }

  /** Asks for a relay pass now (after a commit), coalescing concurrent asks. */
  kick(): void {
    this.relay.kick();
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    await this.poll?.dispose();
    await this.relay.dispose();
  }

  private notifyPublished(outbound: OutboundEvent): void {
    if (this.published.size === 0) return;
    const read = parseEvent(outbound);
    if (read.action !== 'deliver') {
      // Its consumers park it too; listeners only ever see events of the contract.
      this.log.error({ eventId: outbound.id, type: outbound.type }, 'relayed a malformed event; listeners skip it');
      return;
    }
    const { event } = read;
    for (const listener of this.published) {
      try {
        listener(event);
      } catch (err) {
        this.log.warn({ err, eventId: event.id }, 'outbox listener failed');
      }
    }
  }

  /** Relays batches until one comes back short; a failure is logged and the next pass retries. */
  private async relayUntilEmpty(): Promise<void> {
    while (!this.stopped && (await this.relayBatch()) === batchSize);
  }

  /** Publishes one batch; returns how many rows were published. */
  private async relayBatch(): Promise<number> {
    const table = sql`${sql.identifier(this.schema)}.outbox`;
    return this.db.transaction(async (tx) => {
      const lockKey = `seats:outbox:${this.schema}`;
      const [lock] = await selectRows(
        tx,
        z.object({ ok: z.boolean() }),
        sql`select pg_try_advisory_xact_lock(hashtextextended(${lockKey}, 0)) as ok`,
      );
      if (!lock?.ok) return 0;
      const rows = await selectRows(
        tx,
        outboxRow,
        sql`select seq, id, type, payload, occurred_at from ${table}
            where published_at is null order by seq limit ${batchSize}`,
      );
      const batch = rows.map(({ seq, id, type, payload, occurred_at }) => ({
        seq,
        event: { id, type, occurredAt: occurred_at.toISOString(), payload } satisfies OutboundEvent,
      }));
      // The whole batch is sent at once and its acknowledgements awaited
      // together: one connection delivers them to the stream in this order,
      // and a relay pass costs one round trip, not one per event. Rows up to
      // the first failure count as published; the rest stay and are sent
      // again (the stream drops a repeat of an id it stored).
      const sent = await Promise.allSettled(batch.map(({ event }) => this.bus.publish(event)));
      const published: number[] = [];
      for (const [i, { seq, event }] of batch.entries()) {
        const outcome = sent[i];
        if (outcome?.status !== 'fulfilled') {
          const err: unknown = outcome?.status === 'rejected' ? outcome.reason : undefined;
          this.log.warn({ err, eventId: event.id }, 'publish failed; the event stays in the outbox');
          break;
        }
        published.push(seq);
        this.notifyPublished(event);
      }
      if (published.length > 0) {
        await tx.execute(
          sql`update ${table} set published_at = now() where seq = any(${`{${published.join(',')}}`}::bigint[])`,
        );
      }
      return published.length === rows.length ? rows.length : 0;
    });
  }
}

const batchSize = 200;
/** An outbox whose oldest unrelayed event is older than this is not ready (see checkDraining). */
const outboxStuckAfterMs = 30_000;
