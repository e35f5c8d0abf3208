import { onceInTransaction, type Db, type EventConsumer } from '@seats/platform';
import { upsertMovie, upsertScreen, upsertTrain } from './db/projection.js';
import { processedEvents } from './db/schema.js';

export const projectionConsumer = 'shows-catalog';
const claims = { table: processedEvents, consumer: projectionConsumer };

/**
 * Keeps the schedule's copy of movies, screens and trains from the
 * catalog's events. Idempotent: an event id is claimed in the same
 * transaction as its effect, so a redelivery changes nothing; an older
 * event arriving late loses to a newer one (by `occurredAt`).
 */
export function catalogProjection(db: Db): EventConsumer {
  return {
    durable: projectionConsumer,
    handlers: {
      MovieUpserted: ({ id, occurredAt, payload }) =>
        onceInTransaction(db, claims, { id }, (tx) => upsertMovie(tx, payload, new Date(occurredAt))),
      ScreenUpserted: ({ id, occurredAt, payload }) =>
        onceInTransaction(db, claims, { id }, (tx) => upsertScreen(tx, payload, new Date(occurredAt))),
      TrainUpserted: ({ id, occurredAt, payload }) =>
        onceInTransaction(db, claims, { id }, (tx) => upsertTrain(tx, payload, new Date(occurredAt))),
    },
  };
}
