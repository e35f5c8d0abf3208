import type { BaseContext } from '@seats/platform';
import type { BackOffice } from './back-office.js';
import type { BestSeatsService } from './best-available.js';
import type { BookingService } from './bookings.js';
import type { CheckoutService } from './checkout.js';
import type { HoldService } from './holds.js';
import type { Loaders } from './loaders.js';
import type { SeatCatalog } from './seat-catalog.js';
import type { WaitlistService } from './waitlist.js';

/** The bookings subgraph's resolver context. */
export interface Context extends BaseContext {
  catalog: SeatCatalog;
  holds: HoldService;
  bestSeats: BestSeatsService;
  backOffice: BackOffice;
  waitlist: WaitlistService;
  bookings: BookingService;
  checkout: CheckoutService;
  /** This request's batched reads. */
  loaders: Loaders;
}
