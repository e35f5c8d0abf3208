import type { CatalogSeat } from './domain/layout.js';
import type { TravelClass } from './domain/train.js';

/** What the resolvers hand around (the codegen mappers point here); `db/` returns these. */

export interface MovieModel {
  id: string;
  title: string;
  description: string;
  durationMinutes: number;
  genres: string[];
  ageRating: string | null;
  languages: string[];
  posterUrl: string | null;
  /** When an admin archived it; null while it is listed. */
  archivedAt: Date | null;
}

export interface VenueModel {
  id: string;
  name: string;
  city: string;
  address: string;
}

export interface ScreenModel {
  id: string;
  venueId: string;
  name: string;
  seatCount: number;
  categories: string[];
}

export interface StationModel {
  id: string;
  name: string;
}

export interface TrainModel {
  id: string;
  number: string;
  name: string;
}

export interface CoachModel {
  trainId: string;
  number: number;
  travelClass: TravelClass;
  rows: number;
}

/** A layout seat with the screen or train whose layout it belongs to (its API id names both). */
export type LayoutSeatModel = CatalogSeat & { layoutId: string };

/** A stop of a train's route with its station. */
export interface RouteStopModel {
  index: number;
  station: StationModel;
  arrivesAfterMinutes: number | null;
  departsAfterMinutes: number | null;
}
