import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  PgErrorCode,
  pgErrorCode,
  requireAdmin,
  type Db,
  type Identity,
  type Outbox,
  type Page,
  type Position,
} from '@seats/platform';
import {
  findStation,
  findTrain,
  insertTrain,
  listCoaches,
  listRouteStops,
  listTrains,
  trainNumberTaken,
} from './db/trains.js';
import { eventSeat, trainSeats } from './domain/layout.js';
import { validateTrain, type TrainInput } from './domain/train.js';
import type { CoachModel, LayoutSeatModel, RouteStopModel, StationModel, TrainModel } from './models.js';

/** Trains with their routes, stations and coaches: read by anyone, added by an admin. */
export class TrainService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {}

  /** Trains by number. */
  page(first: number, after: Position | null): Promise<Page<TrainModel>> {
    return listTrains(this.db, first, after);
  }

  train(id: string): Promise<TrainModel | null> {
    return findTrain(this.db, id);
  }

  /** A train's route in order, with its stations. */
  route(trainId: string): Promise<RouteStopModel[]> {
    return listRouteStops(this.db, trainId);
  }

  coaches(trainId: string): Promise<CoachModel[]> {
    return listCoaches(this.db, trainId);
  }

  /** A train's seats, coach by coach: derived from its coaches, exactly as TrainUpserted carried them. */
  async seats(trainId: string): Promise<LayoutSeatModel[]> {
    const drafts = await this.coaches(trainId);
    return trainSeats(drafts).map((seat) => ({ ...seat, layoutId: trainId }));
  }

  station(id: string): Promise<StationModel | null> {
    return findStation(this.db, id);
  }

  /** Adds a train with its route and coaches; emits TrainUpserted with its seats in the same transaction. */
  async create(caller: Identity | null, input: TrainInput): Promise<TrainModel> {
    requireAdmin(caller, 'change the catalog');
    const draft = validateTrain(input);
    const train: TrainModel = { id: randomUUID(), number: draft.number, name: draft.name };
    try {
      await this.db.transaction(async (tx) => {
        if (await trainNumberTaken(tx, train.number)) throw numberTaken();
        const route = await insertTrain(tx, train, draft.route, draft.coaches);
        await this.outbox.record(tx, 'TrainUpserted', {
          trainId: train.id,
          number: train.number,
          name: train.name,
          route,
          seats: trainSeats(draft.coaches).map(eventSeat),
        });
      });
    } catch (err) {
      // Two admins adding the same number at once: the unique key decides.
      if (pgErrorCode(err) === PgErrorCode.uniqueViolation) throw numberTaken();
      throw err;
    }
    this.outbox.kick();
    return train;
  }
}

function numberTaken(): BadUserInputError {
  return new BadUserInputError('input.number', 'a train with this number exists');
}
