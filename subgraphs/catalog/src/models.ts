import type { CatalogSeat } from './domain/layout.js';
import type { coaches, movies, screens, stations, trains, venues } from './db/schema.js';

/** What the resolvers hand around: rows as the repository reads them. */
export type MovieModel = typeof movies.$inferSelect;
export type VenueModel = typeof venues.$inferSelect;
export type ScreenModel = Omit<typeof screens.$inferSelect, 'position'>;
export type StationModel = typeof stations.$inferSelect;
export type TrainModel = Omit<typeof trains.$inferSelect, 'createdAt'>;
export type CoachModel = typeof coaches.$inferSelect;
/** A seat of a screen's or a train's layout. */
/** A layout seat with the screen or train whose layout it belongs to (its API id names both). */
export type LayoutSeatModel = CatalogSeat & { layoutId: string };

/** A stop of a train's route with its station. */
export interface RouteStopModel {
  index: number;
  station: StationModel;
  arrivesAfterMinutes: number | null;
  departsAfterMinutes: number | null;
}
