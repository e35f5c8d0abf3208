/** Model types the resolvers return, by GraphQL type (see codegen.ts). */
export const mappers: Record<string, string> = {
  Movie: '../models.js#MovieModel',
  Venue: '../models.js#VenueModel',
  Screen: '../models.js#ScreenModel',
  Station: '../models.js#StationModel',
  Train: '../models.js#TrainModel',
  RouteStop: '../models.js#RouteStopModel',
  Coach: '../models.js#CoachModel',
  LayoutSeat: '../models.js#LayoutSeatModel',
};
