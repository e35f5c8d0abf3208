/** Model types the resolvers return, by GraphQL type (see codegen.ts). */
export const mappers: Record<string, string> = {
  Show: '../models.js#ShowModel',
  ShowStop: '../models.js#ShowStopModel',
  ShowPrice: '../models.js#ShowPriceModel',
  Trip: '../models.js#TripModel',
  Movie: '../models.js#EntityRef',
  Train: '../models.js#EntityRef',
  Station: '../models.js#EntityRef',
  Screen: '../models.js#EntityRef',
};
