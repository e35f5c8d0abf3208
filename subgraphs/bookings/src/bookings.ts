import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  ForbiddenError,
  HoldExpiredError,
  NotFoundError,
  ownsOrAdministers,
  parseAfter,
  parseFirst,
  parseId,
  requestSubjects,
  requireOwnerOrAdmin,
  requireUser,
  toPage,
  type Db,
  type EventBus,
  type Identity,
  type Logger,
  type Outbox,
  type Page,
  type RefundReply,
  type Tx,
} from '@seats/platform';
import { findBooking, lockBooking, settleCheckout, type CheckoutKey, type CheckoutOpening } from './db/bookings.js';
import { priceOfHoldSeats } from './db/cancellations.js';
import { findHold, lockHold } from './db/holds.js';
import { checkSeatRef, parseSeatRef } from './domain/seat-ids.js';
import type { Lifecycle } from './lifecycle.js';
import type { Loaders } from './loaders.js';
import type { BookingModel, HoldModel } from './models.js';

const refundTimeoutMs = 5_000;

/** Bookings: created from a hold at checkout, confirmed by payment, cancelled with a refund. */
export class BookingService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly bus: EventBus,
    private readonly lifecycle: Lifecycle,
    private readonly log: Logger,
  ) {}

  /**
   * Claims the checkout's idempotency key and creates the PENDING_PAYMENT
   * booking for an active hold of the caller, in one round trip; `replay`
   * when the key was claimed before. A refusal leaves the key free, except
   * HOLD_EXPIRED, which the key then answers.
   */
  async startCheckout(identity: Identity, checkout: Omit<CheckoutOpening, 'userId'>): Promise<BookingModel | 'replay'> {
    const opened = await this.lifecycle.openBooking(this.db, { userId: identity.userId, ...checkout });
    switch (opened.outcome) {
      case 'opened':
        return opened.booking;
      case 'replay':
        return 'replay';
      case 'expired':
        throw new HoldExpiredError();
      case 'no_hold':
        throw new NotFoundError('Hold');
      case 'forbidden':
        throw new ForbiddenError('Only the owner can check out a hold');
      case 'in_checkout':
        throw new BadUserInputError('input.holdId', 'This hold is already being checked out');
      case 'no_show':
        throw new NotFoundError('Show');
      case 'cancelled':
        throw new BadUserInputError('input.holdId', 'The show was cancelled');
    }
  }

  /** Whether a hold is still active and its time not up. */
  async holdIsActive(holdId: string): Promise<boolean> {
    const hold = await findHold(this.db, holdId);
    return hold?.status === 'ACTIVE' && hold.expiresAt.getTime() > Date.now();
  }

  /** Removes a booking whose payment never happened (declined, bad token, no answer). */
  async abandonCheckout(bookingId: string): Promise<void> {
    await this.lifecycle.abandonBooking(this.db, bookingId);
  }

  /**
   * A payment is processing: a pending booking remembers it, and its
   * PaymentSucceeded event confirms later; a booking that ended meanwhile
   * has it refunded (BookingExpired).
   */
  async attachPayment(bookingId: string, paymentId: string): Promise<BookingModel> {
    await this.db.transaction(async (tx) => {
      const { booking } = await this.lockWithHold(tx, bookingId);
      await this.lifecycle.attachPayment(tx, booking, paymentId);
    });
    this.outbox.kick();
    return this.mustFind(this.db, bookingId);
  }

  /**
   * A payment succeeded: the booking is confirmed if its hold is still
   * active, else it is EXPIRED and the payment is refunded (BookingExpired).
   * Safe to call again for the same payment. `settles`, when given, is the
   * checkout that records BOOKED with it. The usual case (pending, hold
   * active, or confirmed before) is one statement.
   */
  async confirm(bookingId: string, paymentId: string, settles: CheckoutKey | null = null): Promise<BookingModel> {
    const paid = await this.lifecycle.confirmPaid(this.db, bookingId, paymentId, settles);
    if (paid.outcome === 'no_booking') throw new NotFoundError('Booking');
    if (paid.outcome === 'confirmed') {
      this.outbox.kick();
      return paid.booking;
    }
    const booking = await this.db.transaction(async (tx) => {
      const { booking, hold } = await this.lockWithHold(tx, bookingId);
      if (booking.status !== 'PENDING_PAYMENT') {
        // Paid after it expired or was cancelled: refunded through BookingExpired, once.
        await this.lifecycle.attachPayment(tx, booking, paymentId);
        return booking;
      }
      if (hold?.status === 'ACTIVE' && hold.expiresAt.getTime() <= Date.now()) {
        // Its time ran out before the sweeper came: it expires with the payment, which is refunded.
        await this.lifecycle.attachPayment(tx, booking, paymentId);
        await this.lifecycle.endHold(tx, hold, 'EXPIRED');
        return booking;
      }
      if (hold?.status !== 'ACTIVE') {
        await this.lifecycle.expireBooking(tx, booking, paymentId);
        return booking;
      }
      await this.lifecycle.confirmBooking(tx, booking, hold, paymentId);
      return booking;
    });
    if (settles) await settleCheckout(this.db, settles.userId, settles.key, 'BOOKED', bookingId);
    this.outbox.kick();
    return this.mustFind(this.db, booking.id);
  }

  /** Cancels a booking (owner or ADMIN), frees its seats and refunds its payment. */
  async cancel(identity: Identity | null, idInput: string): Promise<BookingModel> {
    const caller = requireUser(identity);
    const id = parseId(idInput, 'id');
    const paymentId = await this.db.transaction(async (tx) => {
      const { booking } = await this.lockWithHold(tx, id);
      requireOwnerOrAdmin(caller, booking.userId, 'Not your booking');
      if (booking.status !== 'CONFIRMED' && booking.status !== 'PENDING_PAYMENT') return null;
      await this.lifecycle.cancelBooking(tx, booking, caller.userId);
      return booking.paymentId;
    });
    this.outbox.kick();
    if (paymentId) await this.refundNow(paymentId);
    return this.mustFind(this.db, id);
  }

  /**
   * Cancels some seats of a confirmed booking (owner or ADMIN): they are
   * freed and refunded, the booking stays CONFIRMED with the rest; all the
   * seats still booked cancel the booking as cancelBooking does. Seats
   * cancelled before are passed over, so a repeated request changes
   * nothing. Errors name fields under `input.`.
   */
  async cancelSeats(
    identity: Identity | null,
    input: { bookingId: string; seatIds: readonly string[] },
  ): Promise<BookingModel> {
    const caller = requireUser(identity);
    const id = parseId(input.bookingId, 'input.bookingId');
    if (input.seatIds.length === 0) throw new BadUserInputError('input.seatIds', 'Name at least one seat');
    const refs = input.seatIds.map((seat) => parseSeatRef(seat, 'input.seatIds'));
    const refund = await this.db.transaction(async (tx) => {
      const { booking } = await this.lockWithHold(tx, id);
      requireOwnerOrAdmin(caller, booking.userId, 'Not your booking');
      for (const ref of refs) checkSeatRef(ref, booking.showId, 'input.seatIds');
      if (booking.status === 'CANCELLED') return null;
      if (booking.status !== 'CONFIRMED') {
        throw new BadUserInputError('input.bookingId', 'Only a confirmed booking can have seats cancelled');
      }
      const { all, still } = await this.lifecycle.bookedSeats(tx, booking);
      const unknown = refs.filter((ref) => !all.includes(ref.code)).map((ref) => ref.given);
      if (unknown.length > 0)
        throw new BadUserInputError('input.seatIds', `Not seats of this booking: ${unknown.join(', ')}`);
      const seatIds = still.filter((seat) => refs.some((ref) => ref.code === seat));
      if (seatIds.length === 0) return null;
      if (seatIds.length === still.length) {
        await this.lifecycle.cancelBooking(tx, booking, caller.userId);
        return booking.paymentId ? { paymentId: booking.paymentId } : null;
      }
      const amount = await priceOfHoldSeats(tx, booking.holdId, seatIds);
      const cancellation = {
        id: randomUUID(),
        bookingId: booking.id,
        seatIds,
        refund: { amount, currency: booking.total.currency },
        cancelledBy: caller.userId,
        cancelledAt: new Date(),
      };
      await this.lifecycle.cancelSeats(tx, booking, cancellation);
      return booking.paymentId ? { paymentId: booking.paymentId, part: { key: cancellation.id, amount } } : null;
    });
    this.outbox.kick();
    if (refund) await this.refundNow(refund.paymentId, refund.part);
    return this.mustFind(this.db, id);
  }

  /** Asks payments to refund at once (all that is left, or a part); payments also refunds from the event if this fails. */
  private async refundNow(paymentId: string, part?: { key: string; amount: number }): Promise<void> {
    try {
      const reason = part ? 'seats_cancelled' : 'cancelled';
      await this.bus.request<RefundReply>(requestSubjects.refund, { paymentId, reason, part }, refundTimeoutMs);
    } catch (err) {
      this.log.warn({ err, paymentId }, 'refund request failed; the cancellation event will carry it');
    }
  }

  /** A booking for its owner or an admin; null otherwise. */
  async visible(identity: Identity | null, idInput: string): Promise<BookingModel | null> {
    const id = parseId(idInput, 'id');
    if (!identity) return null;
    const booking = await findBooking(this.db, id);
    return booking && ownsOrAdministers(identity, booking.userId) ? booking : null;
  }

  /** A user's bookings, newest first, for that user or an admin. */
  async ofUser(
    loaders: Loaders,
    identity: Identity | null,
    userId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<BookingModel>> {
    requireOwnerOrAdmin(identity, userId, 'Not your bookings');
    const limit = parseFirst(first);
    // Newest first: the position is (createdAt, id), both checked before they reach SQL.
    const position = parseAfter(after, (at) => !Number.isNaN(Date.parse(at)));
    const rows = (await loaders.bookingsOfUser.load({ userId, limit: limit + 1, after: position })) ?? [];
    return toPage(rows, limit, (node) => [node.createdAt.toISOString(), node.id]);
  }

  /** The booking and its hold, locked in the order of every transition: the hold, then the booking. */
  private async lockWithHold(tx: Tx, id: string): Promise<{ booking: BookingModel; hold: HoldModel | null }> {
    const unlocked = await findBooking(tx, id);
    if (!unlocked) throw new NotFoundError('Booking');
    const hold = await lockHold(tx, unlocked.holdId);
    const booking = await lockBooking(tx, id);
    if (!booking) throw new NotFoundError('Booking');
    return { booking, hold };
  }

  async mustFind(tx: Tx, id: string): Promise<BookingModel> {
    const booking = await findBooking(tx, id);
    if (!booking) throw new NotFoundError('Booking');
    return booking;
  }
}
