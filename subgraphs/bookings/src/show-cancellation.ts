import type { Outbox, SeatChange, Tx } from '@seats/platform';
import type { HoldModel } from './models.js';
import { bookingStore } from './store/bookings.js';
import { holdStore } from './store/holds.js';
import { inventoryStore } from './store/inventory.js';

/** Named as the canceller when a ShowCancelled event names nobody. */
const unknownCanceller = '00000000-0000-0000-0000-000000000000';

/**
 * Ends every claim on a cancelled show's seats, inside the caller's
 * transaction: each active hold is released (SeatsReleased, reason
 * CANCELLED) and each pending or confirmed booking cancelled
 * (BookingCancelled with its payment, which payments refunds). Every event
 * bumps the show's version. Locks follow the order every other writer
 * uses, holds, then bookings, then the show's row, so this never deadlocks
 * with a checkout, a payment or the sweeper. Running it again finds nothing
 * left to end. Returns false when the show is not known yet.
 */
export async function cancelShowInventory(
  tx: Tx,
  outbox: Outbox,
  showId: string,
  cancelledBy: string | undefined,
): Promise<boolean> {
  if (!(await inventoryStore.findShow(tx, showId))) return false;
  const holds = await inventoryStore.lockLiveHolds(tx, showId);
  await inventoryStore.lockLiveBookings(tx, showId);
  // From here on checkout refuses the show (it re-reads the status in its
  // transaction) and so does lockSeats.
  await inventoryStore.cancelShow(tx, showId);
  // Holds whose transactions bumped the version before this took the show's
  // row committed meanwhile; their owners are done with them.
  const late = await inventoryStore.lockLiveHolds(
    tx,
    showId,
    holds.map((h) => h.id),
  );
  for (const hold of [...holds, ...late]) await endClaim(tx, outbox, hold, cancelledBy ?? unknownCanceller);
  return true;
}

async function endClaim(tx: Tx, outbox: Outbox, hold: HoldModel, cancelledBy: string): Promise<void> {
  const seats = {
    showId: hold.showId,
    seatIds: await holdStore.seatIds(tx, hold.id),
    fromStop: hold.fromStop,
    toStop: hold.toStop,
  };
  if (hold.status === 'ACTIVE') {
    await holdStore.setStatus(tx, hold.id, 'RELEASED');
    await outbox.record(tx, 'SeatsReleased', {
      ...seats,
      holdId: hold.id,
      reason: 'CANCELLED',
      version: await inventoryStore.nextVersion(tx, hold.showId),
    });
  }
  await cancelBooking(tx, outbox, hold, seats, cancelledBy);
}

/** Cancels the hold's booking if it is pending or confirmed. */
async function cancelBooking(
  tx: Tx,
  outbox: Outbox,
  hold: HoldModel,
  seats: Omit<SeatChange, 'version'>,
  cancelledBy: string,
): Promise<void> {
  const booking = await bookingStore.findByHold(tx, hold.id);
  if (booking?.status !== 'PENDING_PAYMENT' && booking?.status !== 'CONFIRMED') return;
  await bookingStore.update(tx, booking.id, 'CANCELLED', null);
  await holdStore.freeSeats(tx, hold.id);
  const { id: bookingId, userId, showId, paymentId, total } = booking;
  await outbox.record(tx, 'BookingCancelled', {
    ...seats,
    bookingId,
    userId,
    showId,
    paymentId,
    total,
    cancelledBy,
    version: await inventoryStore.nextVersion(tx, hold.showId),
  });
}
