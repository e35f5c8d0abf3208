import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  isId,
  PgErrorCode,
  pgErrorCode,
  requireAdmin,
  type Db,
  type Identity,
  type Outbox,
  type Page,
  type Position,
} from '@seats/platform';
import { insertTrain, listTrains, trainNumberTaken } from './db/trains.js';
import { eventSeat, trainSeats } from './domain/layout.js';
import { validateTrain, type TrainInput } from './domain/train.js';
import type { Loaders } from './loaders.js';
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

  /** A train by an id in any case; null for an unknown or malformed one. */
  async train(loaders: Loaders, id: string): Promise<TrainModel | null> {
    return isId(id) ? loaders.train.load(id.toLowerCase()) : null;
  }

  /** A stored train's route in order, with its stations. */
  async route(loaders: Loaders, trainId: string): Promise<RouteStopModel[]> {
    return (await loaders.routeStops.load(trainId)) ?? [];
  }

  /** A stored train's coaches in order. */
  async coaches(loaders: Loaders, trainId: string): Promise<CoachModel[]> {
    return (await loaders.coaches.load(trainId)) ?? [];
  }

  /** A train's seats, coach by coach: derived from its coaches, exactly as TrainUpserted carried them. */
  async seats(loaders: Loaders, trainId: string): Promise<LayoutSeatModel[]> {
    const drafts = await this.coaches(loaders, trainId);
    return trainSeats(drafts).map((seat) => ({ ...seat, layoutId: trainId }));
  }

  /** The seats of one coach of a train. */
  async seatsOfCoach(loaders: Loaders, coach: CoachModel): Promise<LayoutSeatModel[]> {
    return (await this.seats(loaders, coach.trainId)).filter((seat) => seat.row === `C${coach.number}`);
  }

  /** A station by an id in any case; null for an unknown or malformed one. */
  async station(loaders: Loaders, id: string): Promise<StationModel | null> {
    return isId(id) ? loaders.station.load(id.toLowerCase()) : null;
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
