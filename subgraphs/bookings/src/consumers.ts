import {
  claimEvent,
  NotFoundError,
  type BusEvent,
  type Db,
  type Disposable,
  type EventBus,
  type Logger,
  type Outbox,
  type Tx,
} from '@seats/platform';
import type { BookingService } from './bookings.js';
import { cancelShowInventory } from './show-cancellation.js';
import { inventoryStore } from './store/inventory.js';

/**
 * Keeps bookings' own seat inventory from catalog and shows events, so a
 * seat map or a hold never calls another subgraph. A cancelled show's holds
 * and bookings end here too; their events are relayed after commit.
 */
export async function consumeInventory(db: Db, bus: EventBus, outbox: Outbox): Promise<Disposable> {
  return bus.consume({
    durable: 'bookings-inventory',
    types: ['ScreenUpserted', 'TrainUpserted', 'ShowScheduled', 'ShowCancelled'],
    handler: async (event) => {
      await db.transaction(async (tx) => {
        if (!(await claimEvent(tx, 'bookings', 'inventory', event.id))) return;
        await applyInventoryEvent(tx, outbox, event);
      });
      if (event.type === 'ShowCancelled') outbox.kick();
    },
  });
}

async function applyInventoryEvent(tx: Tx, outbox: Outbox, event: BusEvent): Promise<void> {
  switch (event.type) {
    case 'ScreenUpserted': {
      const p = event.payload as BusEvent<'ScreenUpserted'>['payload'];
      return inventoryStore.replaceLayout(tx, p.screenId, 'SCREEN', p.seats);
    }
    case 'TrainUpserted': {
      const p = event.payload as BusEvent<'TrainUpserted'>['payload'];
      return inventoryStore.replaceLayout(tx, p.trainId, 'TRAIN', p.seats);
    }
    case 'ShowScheduled': {
      const p = event.payload as BusEvent<'ShowScheduled'>['payload'];
      return inventoryStore.insertShow(tx, p, p.prices);
    }
    case 'ShowCancelled': {
      const p = event.payload as BusEvent<'ShowCancelled'>['payload'];
      // Arrived before the show itself: fail, so it is redelivered after ShowScheduled.
      if (!(await cancelShowInventory(tx, outbox, p.showId, p.cancelledBy))) {
        throw new Error(`show ${p.showId} not known yet`);
      }
      return;
    }
    default:
      return;
  }
}

/** Settles bookings whose payment finished after checkout answered (tok_slow). */
export async function consumePayments(
  bus: EventBus,
  bookings: BookingService,
  log: Logger,
  outbox: Outbox,
): Promise<Disposable> {
  return bus.consume({
    durable: 'bookings-payments',
    types: ['PaymentSucceeded'],
    handler: async (event) => {
      const p = event.payload as BusEvent<'PaymentSucceeded'>['payload'];
      try {
        await bookings.confirm(p.bookingId, p.paymentId);
        outbox.kick();
      } catch (err) {
        if (err instanceof NotFoundError) {
          log.warn({ paymentId: p.paymentId, bookingId: p.bookingId }, 'payment for an unknown booking');
          return;
        }
        throw err;
      }
    },
  });
}
