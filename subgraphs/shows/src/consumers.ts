import { onceInTransaction, type Db, type EventConsumer } from '@seats/platform';
import { claimsOf, upsertMovie, upsertScreen, upsertTrain } from './db/catalog.js';

const catalogDurable = 'shows-catalog';
const catalogClaims = claimsOf(catalogDurable);

/**
 * Keeps the schedule's copy of movies, screens and trains from the
 * catalog's events. Idempotent: an event id is claimed in the same
 * transaction as its effect, so a redelivery changes nothing; an older
 * event arriving late loses to a newer one (by `occurredAt`).
 */
export function catalogConsumer(db: Db): EventConsumer {
  return {
    durable: catalogDurable,
    handlers: {
      MovieUpserted: ({ id, occurredAt, payload }) =>
        onceInTransaction(db, catalogClaims, { id }, (tx) => upsertMovie(tx, payload, new Date(occurredAt))),
      ScreenUpserted: ({ id, occurredAt, payload }) =>
        onceInTransaction(db, catalogClaims, { id }, (tx) => upsertScreen(tx, payload, new Date(occurredAt))),
      TrainUpserted: ({ id, occurredAt, payload }) =>
        onceInTransaction(db, catalogClaims, { id }, (tx) => upsertTrain(tx, payload, new Date(occurredAt))),
    },
  };
}
