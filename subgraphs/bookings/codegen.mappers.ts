/** Model types the resolvers return, by GraphQL type (see codegen.ts). */
export const mappers: Record<string, string> = {
  Show: '../models.js#ShowRef',
  Trip: '../models.js#TripRef',
  User: '../models.js#UserRef',
  SeatMap: '../models.js#SeatMapModel',
  SeatMapChange: '../models.js#SeatMapChangeModel',
  SeatLayout: '../models.js#LayoutModel',
  SeatPlace: '@seats/platform#LayoutSeat',
  Seat: '../models.js#SeatModel',
  SeatHold: '../models.js#HoldModel',
  BestSeats: '../models.js#BestSeatsModel',
  ShowSales: '../models.js#ShowSalesModel',
  SeatCancellation: '../models.js#SeatCancellationView',
  WaitlistEntry: '../models.js#WaitlistEntryModel',
  Booking: '../models.js#BookingModel',
};
