import {
  NotFoundError,
  onceInTransaction,
  type Db,
  type EventConsumer,
  type Logger,
  type Outbox,
} from '@seats/platform';
import type { BookingService } from './bookings.js';
import { insertShow, replaceLayout } from './db/inventory.js';
import { processedEvents } from './db/schema.js';
import type { Lifecycle } from './lifecycle.js';

/** The inventory consumer's claims; its name there predates its durable name and stays. */
const inventoryClaims = { table: processedEvents, consumer: 'inventory' };

/**
 * Keeps bookings' own seat inventory from catalog and shows events, so a
 * seat map or a hold never calls another subgraph. Each event is applied
 * once (see onceInTransaction): layouts and shows are copied as they come;
 * a cancelled show's holds and bookings end through the lifecycle, and their
 * events are relayed after commit.
 */
export function inventoryConsumer(db: Db, outbox: Outbox, lifecycle: Lifecycle): EventConsumer {
  return {
    durable: 'bookings-inventory',
    handlers: {
      ScreenUpserted: ({ id, payload }) =>
        onceInTransaction(db, inventoryClaims, { id }, (tx) =>
          replaceLayout(tx, payload.screenId, 'SCREEN', payload.seats),
        ),
      TrainUpserted: ({ id, payload }) =>
        onceInTransaction(db, inventoryClaims, { id }, (tx) =>
          replaceLayout(tx, payload.trainId, 'TRAIN', payload.seats),
        ),
      ShowScheduled: ({ id, payload }) =>
        onceInTransaction(db, inventoryClaims, { id }, (tx) => insertShow(tx, payload, payload.prices)),
      ShowCancelled: async ({ id, payload: { showId, cancelledBy } }) => {
        await onceInTransaction(db, inventoryClaims, { id }, async (tx) => {
          // Arrived before the show itself: fail, so it is redelivered after ShowScheduled.
          if (!(await lifecycle.cancelShow(tx, showId, cancelledBy))) {
            throw new Error(`show ${showId} not known yet`);
          }
        });
        outbox.kick();
      },
    },
  };
}

/**
 * Settles bookings whose payment finished after checkout answered (tok_slow).
 * Confirming twice changes nothing, so it needs no claim.
 */
export function paymentsConsumer(bookings: BookingService, log: Logger, outbox: Outbox): EventConsumer {
  return {
    durable: 'bookings-payments',
    handlers: {
      PaymentSucceeded: async ({ payload: { bookingId, paymentId } }) => {
        try {
          await bookings.confirm(bookingId, paymentId);
          outbox.kick();
        } catch (err) {
          if (!(err instanceof NotFoundError)) throw err;
          log.warn({ paymentId, bookingId }, 'payment for an unknown booking');
        }
      },
    },
  };
}
