import { claimEvent, type BusEvent, type Db, type Disposable, type EventBus, type EventType } from '@seats/platform';
import { upsertMovie, upsertScreen, upsertTrain } from './db/projection.js';

export const projectionConsumer = 'shows-catalog';
const projectedTypes: EventType[] = ['MovieUpserted', 'ScreenUpserted', 'TrainUpserted'];

/**
 * Keeps the schedule's copy of movies, screens and trains from the
 * catalog's events. Idempotent: an event id is claimed in the same
 * transaction as its effect, so a redelivery changes nothing.
 */
export class CatalogProjection {
  constructor(private readonly db: Db) {}

  /** Subscribes the durable consumer; dispose the result to stop. */
  start(bus: EventBus): Promise<Disposable> {
    return bus.consume({ durable: projectionConsumer, types: projectedTypes, handler: (event) => this.apply(event) });
  }

  /** Applies one event (once). */
  async apply(event: BusEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await claimEvent(tx, 'shows', projectionConsumer, event.id))) return;
      const at = new Date(event.occurredAt);
      if (is(event, 'MovieUpserted')) await upsertMovie(tx, event.payload, at);
      else if (is(event, 'ScreenUpserted')) await upsertScreen(tx, event.payload, at);
      else if (is(event, 'TrainUpserted')) await upsertTrain(tx, event.payload, at);
    });
  }
}

function is<T extends EventType>(event: BusEvent, type: T): event is BusEvent<T> {
  return event.type === type;
}
