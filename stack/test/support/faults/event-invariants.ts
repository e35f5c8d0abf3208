/**
 * The events' invariants: every outbox relayed, each event once in the
 * stream under its own id, and one BookingConfirmed notification per
 * booking that was ever confirmed.
 */
import { sql, subgraphNames } from '@seats/platform';
import type { StreamEntry } from '../stream.js';
import type { Collect, InvariantSources, State } from './state.js';

export async function checkOutboxes(sources: InvariantSources, add: Collect): Promise<void> {
  const rows = await Promise.all(
    subgraphNames.map(async (name) => {
      const [row] = await sources.query<{ n: number }>(
        name,
        sql`select count(*)::int as n from ${sql.identifier(name)}.outbox where published_at is null`,
      );
      return { outbox: name, unpublished: row?.n ?? 0 };
    }),
  );
  add(
    'every outbox drained',
    rows.filter((r) => r.unpublished > 0),
  );
}

/** Each event once in the stream, under its own id as Nats-Msg-Id; returns the stream's messages. */
export async function checkStream(sources: InvariantSources, add: Collect): Promise<StreamEntry[]> {
  let entries: StreamEntry[];
  try {
    entries = await sources.stream();
  } catch (err) {
    add('the stream can be read', [String(err)]);
    return [];
  }
  const copies = new Map<string, number>();
  for (const entry of entries) copies.set(entry.eventId, (copies.get(entry.eventId) ?? 0) + 1);
  add(
    'each event id once in the stream',
    [...copies].filter(([, n]) => n > 1).map(([eventId, n]) => ({ eventId, copies: n })),
  );
  add(
    'each message under its event id (Nats-Msg-Id)',
    entries.filter((e) => e.msgId !== e.eventId),
  );
  return entries;
}

/** How many events of the outboxes the stream does not hold (e.g. read before NATS lost its data). */
export async function countNotInStream(sources: InvariantSources, stream: readonly StreamEntry[]): Promise<number> {
  const streamed = new Set(stream.map((e) => e.eventId));
  const ids = await Promise.all(
    subgraphNames.map(async (name) =>
      (await sources.query<{ id: string }>(name, sql`select id from ${sql.identifier(name)}.outbox`)).map((r) => r.id),
    ),
  );
  return ids.flat().filter((id) => !streamed.has(id)).length;
}

/** Every booking confirmed now or before (it has a BookingConfirmed event) was notified exactly once. */
export async function checkNotifications(sources: InvariantSources, db: State, add: Collect): Promise<void> {
  const events = await sources.query<{ id: string; bookingId: string }>(
    'bookings',
    sql`select id, payload->>'bookingId' as "bookingId" from bookings.outbox where type = 'BookingConfirmed'`,
  );
  const notified = await sources.query<{ eventId: string }>(
    'notifications',
    sql`select event_id as "eventId" from notifications.notifications where kind = 'BookingConfirmed'`,
  );
  const perEvent = new Map<string, number>();
  for (const n of notified) perEvent.set(n.eventId, (perEvent.get(n.eventId) ?? 0) + 1);
  const eventsOf = new Map<string, string[]>();
  for (const e of events) eventsOf.set(e.bookingId, [...(eventsOf.get(e.bookingId) ?? []), e.id]);
  const statusOf = new Map(db.bookings.map((b) => [b.id, b.status]));
  const confirmed = new Set([
    ...db.bookings.filter((b) => b.status === 'CONFIRMED').map((b) => b.id),
    ...eventsOf.keys(),
  ]);
  const counts = [...confirmed].map((bookingId) => {
    const ids = eventsOf.get(bookingId) ?? [];
    const notifications = ids.reduce((sum, id) => sum + (perEvent.get(id) ?? 0), 0);
    return { bookingId, status: statusOf.get(bookingId) ?? null, events: ids.length, notifications };
  });
  add(
    'exactly one BookingConfirmed notification per confirmed booking',
    counts.filter((b) => b.notifications !== 1),
  );
}
