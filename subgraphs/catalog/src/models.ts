import type { coaches, movies, screens, stations, trains, venues } from './db/schema.js';

/** What the resolvers hand around: rows as the repository reads them. */
export type MovieModel = typeof movies.$inferSelect;
export type VenueModel = typeof venues.$inferSelect;
export type ScreenModel = Omit<typeof screens.$inferSelect, 'position'>;
export type StationModel = typeof stations.$inferSelect;
export type TrainModel = Omit<typeof trains.$inferSelect, 'createdAt'>;
export type CoachModel = Omit<typeof coaches.$inferSelect, 'trainId'>;

/** A stop of a train's route with its station. */
export interface RouteStopModel {
  index: number;
  station: StationModel;
  arrivesAfterMinutes: number | null;
  departsAfterMinutes: number | null;
}
