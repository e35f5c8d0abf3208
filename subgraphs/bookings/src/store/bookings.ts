import { queryRows, sql, type Position, type Tx } from '@seats/platform';
import type { BookingModel } from '../models.js';

interface BookingRow extends Omit<BookingModel, 'total'> {
  totalAmount: number;
  currency: string;
}

const bookingColumns = sql`id, hold_id as "holdId", user_id as "userId", show_id as "showId", from_stop as "fromStop",
  to_stop as "toStop", status, total_amount as "totalAmount", currency, payment_id as "paymentId", created_at as "createdAt"`;

/** Raw rows carry timestamps as Date (postgres.js) or string (PGlite). */
const toModel = ({ totalAmount, currency, ...rest }: BookingRow): BookingModel => ({
  ...rest,
  createdAt: new Date(rest.createdAt),
  total: { amount: totalAmount, currency },
});

export type CheckoutOutcome = 'PENDING' | 'BOOKED' | 'DECLINED' | 'HOLD_EXPIRED';

export interface CheckoutRow {
  requestHash: string;
  bookingId: string | null;
  outcome: CheckoutOutcome;
  reason: string | null;
}

/** SQL for bookings and checkout idempotency records. */
export const bookingStore = {
  async insert(tx: Tx, b: BookingModel): Promise<void> {
    await tx.execute(sql`insert into bookings.bookings
      (id, hold_id, user_id, show_id, from_stop, to_stop, status, total_amount, currency, payment_id, created_at)
      values (${b.id}, ${b.holdId}, ${b.userId}, ${b.showId}, ${b.fromStop}, ${b.toStop}, ${b.status},
              ${b.total.amount}, ${b.total.currency}, ${b.paymentId}, ${b.createdAt.toISOString()})`);
  },

  async find(tx: Tx, id: string, forUpdate = false): Promise<BookingModel | null> {
    const lock = forUpdate ? sql`for update` : sql``;
    const [row] = await queryRows<BookingRow>(
      tx,
      sql`select ${bookingColumns} from bookings.bookings where id = ${id} ${lock}`,
    );
    return row ? toModel(row) : null;
  },

  async findByHold(tx: Tx, holdId: string): Promise<BookingModel | null> {
    const [row] = await queryRows<BookingRow>(
      tx,
      sql`select ${bookingColumns} from bookings.bookings where hold_id = ${holdId}`,
    );
    return row ? toModel(row) : null;
  },

  async update(tx: Tx, id: string, status: BookingModel['status'], paymentId: string | null): Promise<void> {
    await tx.execute(sql`update bookings.bookings set status = ${status}, payment_id = coalesce(${paymentId}::uuid, payment_id),
      updated_at = now() where id = ${id}`);
  },

  /** Removes a booking that was never paid (declined, bad token); a paid or settled one stays. */
  async removeUnpaid(tx: Tx, id: string): Promise<void> {
    await tx.execute(
      sql`delete from bookings.bookings where id = ${id} and status = 'PENDING_PAYMENT' and payment_id is null`,
    );
  },

  /** Records the payment of a pending booking without touching its status. */
  async attachPayment(tx: Tx, id: string, paymentId: string): Promise<void> {
    await tx.execute(sql`update bookings.bookings set payment_id = coalesce(payment_id, ${paymentId}::uuid), updated_at = now()
      where id = ${id}`);
  },

  /** A user's bookings, newest first, after a (createdAt, id) cursor. */
  async listByUser(tx: Tx, userId: string, limit: number, after: Position | null): Promise<BookingModel[]> {
    const cursor = after ? sql`and (created_at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``;
    const rows = await queryRows<BookingRow>(
      tx,
      sql`select ${bookingColumns} from bookings.bookings where user_id = ${userId} ${cursor}
          order by created_at desc, id desc limit ${limit}`,
    );
    return rows.map(toModel);
  },

  /** Claims an idempotency key; false when it was claimed before. */
  async claimCheckout(tx: Tx, userId: string, key: string, requestHash: string): Promise<boolean> {
    const rows = await queryRows(
      tx,
      sql`insert into bookings.checkouts (user_id, idempotency_key, request_hash, outcome)
          values (${userId}, ${key}, ${requestHash}, 'PENDING') on conflict do nothing returning user_id`,
    );
    return rows.length === 1;
  },

  async findCheckout(tx: Tx, userId: string, key: string): Promise<CheckoutRow | null> {
    const [row] = await queryRows<CheckoutRow>(
      tx,
      sql`select request_hash as "requestHash", booking_id as "bookingId", outcome, reason
          from bookings.checkouts where user_id = ${userId} and idempotency_key = ${key}`,
    );
    return row ?? null;
  },

  async settleCheckout(
    tx: Tx,
    userId: string,
    key: string,
    outcome: CheckoutOutcome,
    bookingId: string | null,
    reason: string | null = null,
  ): Promise<void> {
    await tx.execute(sql`update bookings.checkouts set outcome = ${outcome}, booking_id = ${bookingId}, reason = ${reason}
      where user_id = ${userId} and idempotency_key = ${key}`);
  },

  async forgetCheckout(tx: Tx, userId: string, key: string): Promise<void> {
    await tx.execute(sql`delete from bookings.checkouts where user_id = ${userId} and idempotency_key = ${key}`);
  },
};
