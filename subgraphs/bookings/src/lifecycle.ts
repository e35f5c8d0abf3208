import { type BookingFacts, type EventPayloads, type Outbox, type Tx } from '@seats/platform';
import {
  attachPayment,
  confirmPaid,
  findBookingOfHold,
  lockBookingOfHold,
  openCheckout,
  removeUnpaidBooking,
  setBookingStatus,
  type CheckoutKey,
  type CheckoutOpening,
  type OpenedCheckout,
  type PaidConfirmation,
} from './db/bookings.js';
import {
  freeHoldSeats,
  holdSeatIds,
  lockHoldKeys,
  lockLapsedHoldsOn,
  placeHold,
  releaseIfActive,
  setHoldStatus,
  type PlacedHold,
} from './db/holds.js';
import { cancellationsOfMany, freeSomeHoldSeats, insertSeatCancellation } from './db/cancellations.js';
import { findShow, lockLiveBookings, lockLiveHolds, markShowCancelled, nextVersion } from './db/inventory.js';
import type { BookingModel, HoldModel, SeatCancellationModel } from './models.js';

/** Named as the canceller when a ShowCancelled event names nobody. */
const unknownCanceller = '00000000-0000-0000-0000-000000000000';

/**
 * Every state change of a hold or a booking, each with the event it
 * records in the same transaction. A hold is ACTIVE until it is RELEASED,
 * EXPIRED or CONVERTED into a booking; a booking is PENDING_PAYMENT until
 * it is CONFIRMED, EXPIRED or CANCELLED. Nothing else writes the holds and
 * bookings tables.
 *
 * Every method runs inside the caller's transaction. Locks are taken in
 * one order everywhere (a hold, then its booking, then the show's row
 * through its version), so no two transitions deadlock. A seat-change
 * event bumps the show's version last.
 */
export class Lifecycle {
  constructor(private readonly outbox: Outbox) {}

  /**
   * Places a new active hold on the seats with its SeatsHeld, in one
   * statement that also takes the hold's locks and makes every check
   * (`placeHold`): on the database itself, it is one round trip that
   * commits; inside a transaction, part of it. Says why when it refused.
   */
  async openHold(db: Tx, hold: HoldModel, seatIds: string[], maxActiveHolds: number): Promise<PlacedHold> {
    const event = {
      holdId: hold.id,
      showId: hold.showId,
      userId: hold.userId,
      seatIds,
      fromStop: hold.fromStop,
      toStop: hold.toStop,
      expiresAt: hold.expiresAt.toISOString(),
    };
    return placeHold(db, hold, seatIds, maxActiveHolds, event);
  }

  /**
   * `openHold` inside a transaction: when active holds on the seats have
   * lapsed (`lapsed`), expires them under the same locks and places the
   * hold again.
   */
  async openHoldExpiringLapsed(
    tx: Tx,
    hold: HoldModel,
    seatIds: string[],
    maxActiveHolds: number,
  ): Promise<PlacedHold> {
    const placed = await this.openHold(tx, hold, seatIds, maxActiveHolds);
    if (placed.outcome !== 'lapsed') return placed;
    await lockHoldKeys(tx, hold.showId, hold.userId, seatIds);
    for (const lapsed of await lockLapsedHoldsOn(tx, hold.showId, seatIds)) await this.endHold(tx, lapsed, 'EXPIRED');
    return this.openHold(tx, hold, seatIds, maxActiveHolds);
  }

  /**
   * Ends an active hold and frees its seats (SeatsReleased). A checkout
   * still waiting for its payment ends with it (BookingExpired); a payment
   * that succeeds later finds the booking EXPIRED and is refunded.
   */
  async endHold(tx: Tx, hold: HoldModel, status: 'RELEASED' | 'EXPIRED'): Promise<void> {
    await this.releaseHold(tx, hold, status, status, async () => {
      const pending = await lockBookingOfHold(tx, hold.id);
      if (pending?.status !== 'PENDING_PAYMENT') return;
      await setBookingStatus(tx, pending.id, 'EXPIRED', null);
      await this.outbox.record(tx, 'BookingExpired', facts(pending, pending.paymentId));
    });
  }

  /**
   * Checkout's booking of the user's active hold, waiting for its payment
   * (no event: the seats stay held), opened in the statement that claims
   * the checkout's idempotency key (`openCheckout`): one round trip that
   * commits. Says why when it opened nothing.
   */
  async openBooking(db: Tx, request: CheckoutOpening): Promise<OpenedCheckout> {
    return openCheckout(db, request);
  }

  /** Forgets a booking whose payment never happened (declined, bad token); a paid one stays. */
  async abandonBooking(tx: Tx, bookingId: string): Promise<void> {
    await removeUnpaidBooking(tx, bookingId);
  }

  /**
   * A payment for a booking, under the hold's and the booking's locks: a
   * pending booking remembers it and stays pending until its event (or
   * expires with it, and BookingExpired refunds it). A booking that already
   * ended without it (expired or cancelled first) records it with
   * BookingExpired, which refunds it; one that ended with it already had
   * its refund asked for then. So each payment of an ended booking is
   * refunded once, whatever arrived first. A confirmed booking keeps its own.
   */
  async attachPayment(tx: Tx, booking: BookingModel, paymentId: string): Promise<void> {
    if (booking.status === 'PENDING_PAYMENT') await attachPayment(tx, booking.id, paymentId);
    else if (booking.status !== 'CONFIRMED' && booking.paymentId !== paymentId) {
      await attachPayment(tx, booking.id, paymentId);
      await this.outbox.record(tx, 'BookingExpired', facts(booking, paymentId));
    }
  }

  /**
   * Paid while its hold is active: `confirmBooking` in one statement that
   * locks the hold and the booking itself (`confirmPaid`), settling the
   * checkout `settles` in it when given. Anything but a pending booking
   * with an active hold (or one confirmed before) is `other`, and changes
   * nothing: the caller settles it in a transaction.
   */
  async confirmPaid(
    db: Tx,
    bookingId: string,
    paymentId: string,
    settles: CheckoutKey | null,
  ): Promise<PaidConfirmation> {
    return confirmPaid(db, bookingId, paymentId, settles);
  }

  /** Paid while its hold was active: the hold becomes the booking's seats (BookingConfirmed). */
  async confirmBooking(tx: Tx, booking: BookingModel, hold: HoldModel, paymentId: string): Promise<void> {
    await setHoldStatus(tx, hold.id, 'CONVERTED');
    await setBookingStatus(tx, booking.id, 'CONFIRMED', paymentId);
    const seatIds = await holdSeatIds(tx, hold.id);
    await this.outbox.record(tx, 'BookingConfirmed', {
      ...facts(booking, paymentId),
      seatIds,
      fromStop: booking.fromStop,
      toStop: booking.toStop,
      version: await nextVersion(tx, booking.showId),
    });
  }

  /** Paid after its hold ended: EXPIRED, and payments refunds it (BookingExpired). */
  async expireBooking(tx: Tx, booking: BookingModel, paymentId: string): Promise<void> {
    await setBookingStatus(tx, booking.id, 'EXPIRED', paymentId);
    await this.outbox.record(tx, 'BookingExpired', facts(booking, paymentId));
  }

  /**
   * Cancels a pending or confirmed booking: its hold, if still active, is
   * released and its seats freed (BookingCancelled, which payments refunds).
   */
  async cancelBooking(tx: Tx, booking: BookingModel, cancelledBy: string): Promise<void> {
    await setBookingStatus(tx, booking.id, 'CANCELLED', null);
    // Seats cancelled out of it before are free already (and may be someone else's by now).
    const { still: seatIds } = await this.bookedSeats(tx, booking);
    await releaseIfActive(tx, booking.holdId);
    await freeHoldSeats(tx, booking.holdId);
    await this.outbox.record(tx, 'BookingCancelled', {
      ...facts(booking, booking.paymentId),
      seatIds,
      fromStop: booking.fromStop,
      toStop: booking.toStop,
      version: await nextVersion(tx, booking.showId),
      cancelledBy,
    });
  }

  /**
   * Cancels some seats of a confirmed booking, which stays confirmed with
   * the rest: their claims end (the seats are free) and
   * BookingSeatsCancelled says which and what payments refunds for them.
   */
  async cancelSeats(tx: Tx, booking: BookingModel, cancellation: SeatCancellationModel): Promise<void> {
    await freeSomeHoldSeats(tx, booking.holdId, cancellation.seatIds);
    await insertSeatCancellation(tx, cancellation);
    await this.outbox.record(tx, 'BookingSeatsCancelled', {
      ...facts(booking, booking.paymentId),
      seatIds: cancellation.seatIds,
      fromStop: booking.fromStop,
      toStop: booking.toStop,
      version: await nextVersion(tx, booking.showId),
      cancellationId: cancellation.id,
      refund: cancellation.refund,
      cancelledBy: cancellation.cancelledBy,
    });
  }

  /** The booking's seats (`all`, sorted) and those of them not cancelled out of it (`still`). */
  async bookedSeats(tx: Tx, booking: BookingModel): Promise<{ all: string[]; still: string[] }> {
    const [all, cancellations] = await Promise.all([
      holdSeatIds(tx, booking.holdId),
      cancellationsOfMany(tx, [booking.id]),
    ]);
    const gone = new Set((cancellations.get(booking.id) ?? []).flatMap((c) => c.seatIds));
    return { all, still: all.filter((id) => !gone.has(id)) };
  }

  /**
   * Ends every claim on a cancelled show's seats: each active hold is
   * released (SeatsReleased, reason CANCELLED) and each pending or confirmed
   * booking cancelled (BookingCancelled with its payment, which payments
   * refunds). Running it again finds nothing left to end. False when the
   * show is not known yet.
   */
  async cancelShow(tx: Tx, showId: string, cancelledBy: string | undefined): Promise<boolean> {
    if (!(await findShow(tx, showId))) return false;
    const holds = await lockLiveHolds(tx, showId);
    await lockLiveBookings(tx, showId);
    // From here on checkout refuses the show (it re-reads the status in its
    // transaction) and so does lockSeats.
    await markShowCancelled(tx, showId);
    // Holds whose transactions bumped the version before this took the show's
    // row committed meanwhile; their owners are done with them.
    const late = await lockLiveHolds(
      tx,
      showId,
      holds.map((h) => h.id),
    );
    for (const hold of [...holds, ...late]) {
      if (hold.status === 'ACTIVE') await this.releaseHold(tx, hold, 'RELEASED', 'CANCELLED');
      const booking = await findBookingOfHold(tx, hold.id);
      if (booking?.status === 'PENDING_PAYMENT' || booking?.status === 'CONFIRMED') {
        await this.cancelBooking(tx, booking, cancelledBy ?? unknownCanceller);
      }
    }
    return true;
  }

  /**
   * Ends an active hold as `status`, frees its seats, runs `meanwhile`
   * (what else ends with it) and records SeatsReleased for `reason` with the
   * next version.
   */
  private async releaseHold(
    tx: Tx,
    hold: HoldModel,
    status: 'RELEASED' | 'EXPIRED',
    reason: EventPayloads['SeatsReleased']['reason'],
    meanwhile?: () => Promise<void>,
  ): Promise<void> {
    const seatIds = await holdSeatIds(tx, hold.id);
    await setHoldStatus(tx, hold.id, status);
    await freeHoldSeats(tx, hold.id);
    await meanwhile?.();
    await this.outbox.record(tx, 'SeatsReleased', {
      holdId: hold.id,
      showId: hold.showId,
      seatIds,
      fromStop: hold.fromStop,
      toStop: hold.toStop,
      reason,
      version: await nextVersion(tx, hold.showId),
    });
  }
}

/** What every booking event says about its booking. */
function facts(booking: BookingModel, paymentId: string | null): BookingFacts {
  const { id: bookingId, userId, showId, total } = booking;
  return { bookingId, userId, showId, paymentId, total };
}
