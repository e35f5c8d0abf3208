/** What the resolvers hand around. */

/** An entity another subgraph resolves; the schedule knows only its id. */
export interface EntityRef {
  __typename?: string;
  id: string;
}

export type ShowKind = 'SCREENING' | 'TRIP';
export type ShowStatus = 'SCHEDULED' | 'CANCELLED';

export interface ShowPriceModel {
  category: string;
  /** Minor units; per leg for a trip. */
  amount: number;
  currency: string;
}

export interface ShowStopModel {
  index: number;
  stationId: string;
  arrivesAt: Date | null;
  departsAt: Date | null;
}

/** A show with its prices and (for trips) stops, loaded together. */
export interface ShowModel {
  id: string;
  kind: ShowKind;
  movieId: string | null;
  screenId: string | null;
  trainId: string | null;
  startsAt: Date;
  endsAt: Date;
  status: ShowStatus;
  currency: string;
  prices: ShowPriceModel[];
  stops: ShowStopModel[];
}

/** One trip between two stops of a train show, as a search finds it. */
export interface TripModel {
  showId: string;
  fromStop: number;
  toStop: number;
  /** Departure from the boarding stop. */
  departsAt: Date;
  /** Arrival at the leaving stop. */
  arrivesAt: Date;
  show: ShowModel;
}
