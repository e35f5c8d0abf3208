import {
  BadUserInputError,
  ForbiddenError,
  HoldExpiredError,
  NotFoundError,
  ownsOrAdministers,
  parseId,
  requestSubjects,
  requireOwnerOrAdmin,
  requireUser,
  type Db,
  type EventBus,
  type Identity,
  type Logger,
  type Outbox,
  type RefundReply,
  type Tx,
} from '@seats/platform';
import type { HoldService } from './holds.js';
import type { BookingModel, HoldModel } from './models.js';
import type { SeatCatalog } from './seat-catalog.js';
import { bookingStore } from './store/bookings.js';
import { holdStore } from './store/holds.js';
import { inventoryStore } from './store/inventory.js';

const refundTimeoutMs = 5_000;

/** Bookings: created from a hold at checkout, confirmed by payment, cancelled with a refund. */
export class BookingService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly bus: EventBus,
    private readonly catalog: SeatCatalog,
    private readonly holds: HoldService,
    private readonly log: Logger,
  ) {}

  /** Creates the PENDING_PAYMENT booking for an active hold of the caller. */
  async startCheckout(identity: Identity, holdId: string, bookingId: string): Promise<BookingModel> {
    return this.db.transaction(async (tx) => {
      const hold = await holdStore.find(tx, holdId, true);
      if (!hold) throw new NotFoundError('Hold');
      if (hold.userId !== identity.userId) throw new ForbiddenError('Only the owner can check out a hold');
      if (hold.status !== 'ACTIVE' || hold.expiresAt.getTime() <= Date.now()) throw new HoldExpiredError();
      if (await bookingStore.findByHold(tx, holdId)) {
        throw new BadUserInputError('input.holdId', 'This hold is already being checked out');
      }
      const show = await inventoryStore.findShow(tx, hold.showId);
      if (!show) throw new NotFoundError('Show');
      if (show.status !== 'SCHEDULED') throw new BadUserInputError('input.holdId', 'The show was cancelled');
      const legs = this.catalog.legs(show, hold.fromStop, hold.toStop, 'input.', false);
      const booking: BookingModel = {
        id: bookingId,
        holdId,
        userId: identity.userId,
        showId: hold.showId,
        fromStop: hold.fromStop,
        toStop: hold.toStop,
        status: 'PENDING_PAYMENT',
        total: await this.catalog.total(show, await holdStore.seatIds(tx, holdId), legs, tx),
        paymentId: null,
        createdAt: new Date(),
      };
      await bookingStore.insert(tx, booking);
      return booking;
    });
  }

  /** Removes a booking whose payment never happened (declined, bad token, no answer). */
  async abandonCheckout(bookingId: string): Promise<void> {
    await bookingStore.removeUnpaid(this.db, bookingId);
  }

  /** A payment is processing: remember it; its PaymentSucceeded event confirms later. */
  async attachPayment(bookingId: string, paymentId: string): Promise<BookingModel> {
    await bookingStore.attachPayment(this.db, bookingId, paymentId);
    return this.mustFind(this.db, bookingId);
  }

  /**
   * A payment succeeded: the booking is confirmed if its hold is still
   * active, else it is EXPIRED and the payment is refunded (BookingExpired).
   * Safe to call again for the same payment.
   */
  async confirm(bookingId: string, paymentId: string): Promise<BookingModel> {
    const booking = await this.db.transaction(async (tx) => {
      const unlocked = await bookingStore.find(tx, bookingId);
      if (!unlocked) throw new NotFoundError('Booking');
      // Lock order everywhere: hold, then booking, then the show's version.
      const hold = await holdStore.find(tx, unlocked.holdId, true);
      const booking = (await bookingStore.find(tx, bookingId, true))!;
      if (booking.status !== 'PENDING_PAYMENT') {
        // Paid after it expired or was cancelled unpaid: refund through BookingExpired.
        if (booking.status !== 'CONFIRMED' && booking.paymentId !== paymentId)
          await this.refundLate(tx, booking, paymentId);
        return booking;
      }
      if (hold?.status !== 'ACTIVE' || hold.expiresAt.getTime() <= Date.now()) {
        if (hold?.status === 'ACTIVE') await this.holds.endHold(tx, hold, 'EXPIRED');
        await this.expire(tx, booking, paymentId);
        return booking;
      }
      await this.convert(tx, booking, hold, paymentId);
      return booking;
    });
    this.outbox.kick();
    return this.mustFind(this.db, booking.id);
  }

  private async convert(tx: Tx, booking: BookingModel, hold: HoldModel, paymentId: string): Promise<void> {
    await holdStore.setStatus(tx, hold.id, 'CONVERTED');
    await bookingStore.update(tx, booking.id, 'CONFIRMED', paymentId);
    const version = await inventoryStore.nextVersion(tx, booking.showId);
    await this.outbox.record(tx, 'BookingConfirmed', {
      ...this.facts(booking, paymentId),
      seatIds: await holdStore.seatIds(tx, hold.id),
      fromStop: booking.fromStop,
      toStop: booking.toStop,
      version,
    });
  }

  private async expire(tx: Tx, booking: BookingModel, paymentId: string): Promise<void> {
    await bookingStore.update(tx, booking.id, 'EXPIRED', paymentId);
    await this.outbox.record(tx, 'BookingExpired', this.facts(booking, paymentId));
  }

  /** A payment for a booking that already ended: keep its status, record the payment, refund it. */
  private async refundLate(tx: Tx, booking: BookingModel, paymentId: string): Promise<void> {
    await bookingStore.attachPayment(tx, booking.id, paymentId);
    await this.outbox.record(tx, 'BookingExpired', this.facts(booking, paymentId));
  }

  /** Cancels a booking (owner or ADMIN), frees its seats and refunds its payment. */
  async cancel(identity: Identity | null, idInput: string): Promise<BookingModel> {
    const caller = requireUser(identity);
    const id = parseId(idInput, 'id');
    const paymentId = await this.db.transaction(async (tx) => {
      const unlocked = await bookingStore.find(tx, id);
      if (!unlocked) throw new NotFoundError('Booking');
      await holdStore.find(tx, unlocked.holdId, true);
      const booking = (await bookingStore.find(tx, id, true))!;
      requireOwnerOrAdmin(caller, booking.userId, 'Not your booking');
      if (booking.status !== 'CONFIRMED' && booking.status !== 'PENDING_PAYMENT') return null;
      await bookingStore.update(tx, id, 'CANCELLED', null);
      const seatIds = await holdStore.seatIds(tx, booking.holdId);
      await holdStore.releaseForCancellation(tx, booking.holdId);
      const version = await inventoryStore.nextVersion(tx, booking.showId);
      await this.outbox.record(tx, 'BookingCancelled', {
        ...this.facts(booking, booking.paymentId),
        seatIds,
        fromStop: booking.fromStop,
        toStop: booking.toStop,
        version,
        cancelledBy: caller.userId,
      });
      return booking.paymentId;
    });
    this.outbox.kick();
    if (paymentId) await this.refundNow(paymentId);
    return this.mustFind(this.db, id);
  }

  /** Asks payments to refund at once; payments also refunds from the event if this fails. */
  private async refundNow(paymentId: string): Promise<void> {
    try {
      await this.bus.request<RefundReply>(requestSubjects.refund, { paymentId, reason: 'cancelled' }, refundTimeoutMs);
    } catch (err) {
      this.log.warn({ err, paymentId }, 'refund request failed; the BookingCancelled event will carry it');
    }
  }

  /** A booking for its owner or an admin; null otherwise. */
  async visible(identity: Identity | null, idInput: string): Promise<BookingModel | null> {
    const id = parseId(idInput, 'id');
    if (!identity) return null;
    const booking = await bookingStore.find(this.db, id);
    return booking && ownsOrAdministers(identity, booking.userId) ? booking : null;
  }

  async mustFind(tx: Tx, id: string): Promise<BookingModel> {
    const booking = await bookingStore.find(tx, id);
    if (!booking) throw new NotFoundError('Booking');
    return booking;
  }

  private facts(booking: BookingModel, paymentId: string | null) {
    return { bookingId: booking.id, userId: booking.userId, showId: booking.showId, paymentId, total: booking.total };
  }
}
