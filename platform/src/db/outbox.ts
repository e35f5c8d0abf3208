import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { bigserial, index, jsonb, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import { parseEvent } from '../bus/inbound.js';
import { eventRetentionMs, type Disposable, type EventBus, type OutboundEvent } from '../bus/types.js';
import {
  isEventType,
  outboxEventsLimit,
  outboxEventsSubject,
  type BusEvent,
  type EventPayloads,
  type EventType,
  type OutboxEventsReply,
} from '../events.js';
import type { Logger } from '../logger.js';
import type { SubgraphMetrics } from '../metrics.js';
import { startPeriodic, type PeriodicTask } from '../periodic.js';
import { arrayLiteral, jsonColumn, selectRows, sql, type Db, type Tx } from './database.js';

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
      /**
       * With the in-process bus only: when every consumer had handled it.
       * That bus keeps nothing across a restart, so an event published but
       * not yet consumed when the process ended is sent again at start.
       * (JetStream keeps events itself; there it stays null.)
       */
      consumedAt: timestamp('consumed_at', { withTimezone: true }),
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

  private readonly pollMs: number;
  private readonly metrics: SubgraphMetrics | undefined;
  /** Checks whether the stream lost what was published to it (see republishLost). */
  private streamCheck: PeriodicTask | undefined;
  private stopStreamCheckOnReconnect: (() => void) | undefined;
  /** The creation time of the stream as last checked, in ms. */
  private streamCreatedMs: number | undefined;
  /** In-process bus: events published and not yet consumed, and those consumed but not yet marked. */
  private readonly awaitingConsumers = new Set<string>();
  private readonly consumed = new Set<string>();
  private readonly markConsumed: PeriodicTask;
  private stopWatchingConsumers: (() => void) | undefined;
  /** In-process bus: whether what the last process left unconsumed was queued again. */
  private requeued = false;
  /** Whether the poll has run its first pass (which always relays). */
  private polled = false;

  constructor(
    private readonly db: Db,
    private readonly schema: string,
    private readonly bus: EventBus,
    private readonly log: Logger,
    options: OutboxOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 200;
    this.metrics = options.metrics;
    this.relay = startPeriodic({ name: 'outbox relay', run: () => this.relayUntilEmpty(), log });
    this.markConsumed = startPeriodic({ name: 'outbox consumed marks', run: () => this.markConsumedEvents(), log });
    if (bus.kind === 'memory') {
      this.stopWatchingConsumers = bus.onConsumed((eventId) => {
        if (!this.awaitingConsumers.delete(eventId)) return;
        this.consumed.add(eventId);
        this.markConsumed.kick();
      });
    }
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

  /**
   * Starts polling (commits kick the relay at once; the poll finds what a
   * crashed instance left) and checking that the stream still has what was
   * published (see republishLost).
   */
  start(): void {
    this.poll ??= startPeriodic({
      name: 'outbox poll',
      everyMs: this.pollMs,
      run: () => this.pollPass(),
      log: this.log,
      immediately: true,
    });
    if (this.bus.kind !== 'nats' || this.streamCheck) return;
    const check = startPeriodic({
      name: 'outbox stream check',
      everyMs: streamCheckMs,
      run: async () => void (await this.republishLost()),
      log: this.log,
      immediately: true,
    });
    this.streamCheck = check;
    // A server that comes back may have come back empty.
    this.stopStreamCheckOnReconnect = this.bus.onReconnect(() => check.kick());
  }

  /**
   * Sends again what the stream lost. When the stream turns out to be newer
   * than events this outbox published (the server lost its data, and a
   * publish or a consumer made the stream anew), those events are marked
   * unpublished and the relay sends them again, oldest first: consumers
   * that had not seen them get them, and consumers that had skip them by
   * their id. The comparison is between the database's clock (when the
   * relay saw the publish acknowledged) and the server's (when it made the
   * stream), so it is as exact as the two clocks agree. Events published
   * after the creation are never sent again: a repeat would reach live
   * watchers as an old change. Each creation is handled once per instance
   * (and the update finds nothing the second time). Returns how many events
   * it queued again.
   */
  async republishLost(): Promise<number> {
    const created = await this.bus.streamCreatedAt();
    if (!created || created.getTime() === this.streamCreatedMs) return 0;
    const rows = await selectRows(
      this.db,
      z.object({ seq: z.coerce.number() }),
      sql`update ${sql.identifier(this.schema)}.outbox set published_at = null
          where published_at < ${created.toISOString()}::timestamptz
            and published_at > ${new Date(created.getTime() - eventRetentionMs).toISOString()}::timestamptz
          returning seq`,
    );
    this.streamCreatedMs = created.getTime();
    if (rows.length > 0) {
      this.log.warn(
        { events: rows.length, streamCreatedAt: created.toISOString() },
        'the event stream lost published events; sending them again',
      );
      this.metrics?.countRepairs('event_republished', rows.length);
      this.kick();
    }
    return rows.length;
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

  /**
   * Events of these types after outbox position `afterSeq`, in order, up
   * to the first event (of any type) that is not settled: published, and
   * occurred at least `settledForMs` ago, long enough for every consumer to
   * have had it and for every transaction that took a position before it to
   * have committed. For consumers that check they missed none
   * (outboxEventsSubject).
   */
  async settledEvents(
    types: readonly EventType[],
    afterSeq: number,
    limit: number,
    settledForMs = settledEventsMs,
  ): Promise<Array<{ seq: number; event: OutboundEvent }>> {
    if (types.length === 0) return [];
    const table = sql`${sql.identifier(this.schema)}.outbox`;
    // Up to the first event after the position that is not settled yet, so that
    // a caller moving its position to the last event it got never skips one.
    const rows = await selectRows(
      this.db,
      outboxRow,
      sql`with horizon as (
            select coalesce(min(seq), 9223372036854775807) as seq from ${table}
            where seq > ${afterSeq}
              and (published_at is null or occurred_at >= now() - make_interval(secs => ${settledForMs / 1000})))
          select o.seq, o.id, o.type, o.payload, o.occurred_at from ${table} o, horizon
          where o.seq > ${afterSeq} and o.seq < horizon.seq and o.type = any(${arrayLiteral(types)}::text[])
          order by o.seq limit ${limit}`,
    );
    return rows.map(({ seq, id, type, payload, occurred_at }) => ({
      seq,
      event: { id, type, occurredAt: occurred_at.toISOString(), payload },
    }));
  }

  /** Asks for a relay pass now (after a commit), coalescing concurrent asks. */
  kick(): void {
    this.relay.kick();
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    this.stopWatchingConsumers?.();
    this.stopStreamCheckOnReconnect?.();
    await this.streamCheck?.dispose();
    await this.poll?.dispose();
    await this.relay.dispose();
    await this.markConsumed.dispose();
  }

  /** In-process bus: records which events every consumer has handled. */
  private async markConsumedEvents(): Promise<void> {
    if (this.consumed.size === 0) return;
    const ids = [...this.consumed];
    this.consumed.clear();
    try {
      await this.db.execute(
        sql`update ${sql.identifier(this.schema)}.outbox set consumed_at = now()
            where id = any(${arrayLiteral(ids)}::uuid[])`,
      );
    } catch (err) {
      for (const id of ids) this.consumed.add(id);
      throw err;
    }
  }

  /**
   * In-process bus, once before the first relay pass: the events the last
   * process published but its consumers had not all handled are sent again
   * (consumers that had handled them skip them by their id).
   */
  private async requeueUnconsumed(): Promise<void> {
    const rows = await selectRows(
      this.db,
      z.object({ seq: z.coerce.number() }),
      sql`update ${sql.identifier(this.schema)}.outbox set published_at = null
          where published_at is not null and consumed_at is null
          returning seq`,
    );
    this.requeued = true;
    if (rows.length > 0) {
      this.log.warn({ events: rows.length }, 'sending again the events no consumer had finished before the restart');
      this.metrics?.countRepairs('event_redelivered', rows.length);
    }
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

  /**
   * One poll: a single statement asks whether anything waits (what another
   * instance left, or a commit whose kick was lost), and only then does a
   * relay pass take its transaction and the lock. An idle outbox costs one
   * cheap read per poll instead of four statements. The first poll always
   * relays: the in-process bus queues again what the last process left
   * unconsumed there.
   */
  private async pollPass(): Promise<void> {
    if (this.polled && !(await this.hasUnpublished())) return;
    this.polled = true;
    this.kick();
  }

  private async hasUnpublished(): Promise<boolean> {
    const [row] = await selectRows(
      this.db,
      z.object({ waiting: z.boolean() }),
      sql`select exists (select 1 from ${sql.identifier(this.schema)}.outbox where published_at is null) as waiting`,
    );
    return row?.waiting === true;
  }

  /** Relays batches until one comes back short; a failure is logged and the next pass retries. */
  private async relayUntilEmpty(): Promise<void> {
    if (this.bus.kind === 'memory' && !this.requeued) await this.requeueUnconsumed();
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
      // The in-process bus says when each event is consumed; listen before it can.
      if (this.bus.kind === 'memory') for (const { event } of batch) this.awaitingConsumers.add(event.id);
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
      for (const { event } of batch.slice(published.length)) this.awaitingConsumers.delete(event.id);
      if (published.length > 0) {
        // When the acknowledgements came, not when the pass began: republishLost compares it with the stream's creation.
        await tx.execute(
          sql`update ${table} set published_at = clock_timestamp() where seq = any(${`{${published.join(',')}}`}::bigint[])`,
        );
      }
      return published.length === rows.length ? rows.length : 0;
    });
  }
}

export interface OutboxOptions {
  /** How often the relay looks for events a crashed instance left (ms). */
  pollMs?: number;
  /** Where the events it sends again are counted. */
  metrics?: SubgraphMetrics;
}

const batchSize = 200;
/** See settledEvents. */
const settledEventsMs = 120_000;
/** How often each instance checks whether the stream was made anew. */
const streamCheckMs = 5_000;
/** An outbox whose oldest unrelayed event is older than this is not ready (see checkDraining). */
const outboxStuckAfterMs = 30_000;

/**
 * Answers outboxEventsSubject(subgraph) from this outbox: a consumer that
 * checks it missed none of the subgraph's events asks with a position and
 * gets the settled events after it. A malformed request changes nothing.
 */
export function serveOutboxEvents(bus: EventBus, subgraph: string, outbox: Outbox): Promise<Disposable> {
  return bus.reply(outboxEventsSubject(subgraph), async (data): Promise<OutboxEventsReply> => {
    const request = outboxEventsRequest.safeParse(data);
    if (!request.success) return { ok: false, error: 'MALFORMED_REQUEST' };
    const { types, afterSeq, limit } = request.data;
    return { ok: true, events: await outbox.settledEvents(types, afterSeq, limit) };
  });
}

const outboxEventsRequest = z.object({
  types: z
    .array(z.custom<EventType>((value) => typeof value === 'string' && isEventType(value)))
    .min(1)
    .max(20),
  afterSeq: z.int().min(0),
  limit: z.int().min(1).max(outboxEventsLimit),
});
