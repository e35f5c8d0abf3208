/**
 * What the fault invariants read: the sources (database, stream,
 * readiness, the clients' record), the rows several checks share, and how a
 * check reports what it found.
 */
import { sql, type SQL, type SubgraphName } from '@seats/platform';
import type { StreamEntry } from '../stream.js';
import type { LoadRecord } from './load.js';

/** Where the invariants read from. */
export interface InvariantSources {
  query<T>(subgraph: SubgraphName, statement: SQL): Promise<T[]>;
  /** Every message of the stack's stream. */
  stream(): Promise<StreamEntry[]>;
  /** The status of every part's /readyz, by part. */
  readiness(): Promise<Record<string, number>>;
  /** What the clients did and were told. */
  load: LoadRecord;
}

/** Records the rows that break an invariant (nothing when there are none). */
export type Collect = (invariant: string, rows: readonly unknown[]) => void;

export interface PaymentRow {
  id: string;
  status: 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';
  bookingId: string;
  /** Payments' idempotency key: `<user id>:<client key>` (bookings' charge request). */
  key: string;
  refunds: number;
}

export interface BookingRow {
  id: string;
  status: 'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED';
  paymentId: string | null;
}

export interface CheckoutRow {
  userId: string;
  key: string;
  outcome: 'PENDING' | 'BOOKED' | 'DECLINED' | 'HOLD_EXPIRED';
  bookingId: string | null;
}

/** The payments, bookings and checkout keys, read once per check. */
export interface State {
  payments: PaymentRow[];
  bookings: BookingRow[];
  checkouts: CheckoutRow[];
}

export async function readState(sources: InvariantSources): Promise<State> {
  const payments = await sources.query<PaymentRow>(
    'payments',
    sql`select p.id, p.status, p.booking_id as "bookingId", p.idempotency_key as "key",
          (select count(*)::int from payments.refunds r where r.payment_id = p.id) as refunds
        from payments.payment_intents p`,
  );
  const bookings = await sources.query<BookingRow>(
    'bookings',
    sql`select id, status, payment_id as "paymentId" from bookings.bookings`,
  );
  const checkouts = await sources.query<CheckoutRow>(
    'bookings',
    sql`select user_id as "userId", idempotency_key as "key", outcome, booking_id as "bookingId"
        from bookings.checkouts`,
  );
  return { payments, bookings, checkouts };
}
