/** The shapes resolvers return (codegen maps the GraphQL types to these). */

import type { LayoutSeat, SeatMapFrame } from '@seats/platform';
import type { Relaxation } from './domain/best-seats.js';
import type { Legs } from './domain/legs.js';

export type SeatStatus = 'AVAILABLE' | 'HELD' | 'BOOKED';
export type HoldStatus = 'ACTIVE' | 'RELEASED' | 'EXPIRED' | 'CONVERTED';
export type BookingStatus = 'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED';
export type ShowKind = 'SCREENING' | 'TRIP';
export type ShowStatus = 'SCHEDULED' | 'CANCELLED';

/** A show as bookings' inventory knows it (projected from shows and catalog events). */
export interface InventoryShow {
  showId: string;
  kind: ShowKind;
  layoutId: string;
  legCount: number;
  startsAt: Date;
  status: ShowStatus;
  /** Counts the show's seat changes; live messages carry it. */
  version: number;
  /** The layout's revision (it grows when the catalog changes the layout); null before the layout arrived. */
  revision: number | null;
}

export interface MoneyModel {
  amount: number;
  currency: string;
}

export interface ShowRef {
  id: string;
}

/** A trip between two stops of a show (the schedule's Trip entity). */
export interface TripRef {
  showId: string;
  fromStop: number;
  toStop: number;
}

export interface UserRef {
  id: string;
}

export interface SeatModel {
  /** Unique across the API: the show, the seat and (trips) the legs (see seat-ids.ts). */
  id: string;
  /** The seat's code within its layout, e.g. E7. */
  code: string;
  label: string;
  row: string;
  number: number;
  category: string;
  price: MoneyModel;
  status: SeatStatus;
  x: number;
  y: number;
  accessible: boolean;
}

/** A screen's or train's seats at one revision (layout order). */
export interface LayoutModel {
  id: string;
  revision: number;
  seats: readonly LayoutSeat[];
}

export interface CategoryPriceModel {
  category: string;
  price: MoneyModel;
}

export interface SeatMapModel {
  id: string;
  showId: string;
  version: number;
  fromStop: number | null;
  toStop: number | null;
  /** One character per seat of the layout: A available, H held, B booked. */
  statuses: string;
  layout: LayoutModel;
  prices: CategoryPriceModel[];
  /** Every seat with its status and price: built on first use, once per version. */
  seats: () => SeatModel[];
}

/** A live frame (one or more consecutive changes) with the legs the subscriber asked about. */
export interface SeatMapChangeModel {
  frame: SeatMapFrame;
  show: InventoryShow;
  legs: Legs;
}

export interface HoldModel {
  id: string;
  showId: string;
  userId: string;
  fromStop: number | null;
  toStop: number | null;
  status: HoldStatus;
  expiresAt: Date;
}

export interface BookingModel {
  id: string;
  holdId: string;
  userId: string;
  showId: string;
  fromStop: number | null;
  toStop: number | null;
  status: BookingStatus;
  total: MoneyModel;
  paymentId: string | null;
  createdAt: Date;
}

/** What lockBestSeats held, and which of its rules it gave up to do so. */
export interface BestSeatsModel {
  hold: HoldModel;
  together: boolean;
  relaxed: Relaxation[];
}

/** A show's sales as the back office sees them (Show.sales). */
export interface ShowSalesModel {
  seats: number;
  sold: number;
  held: number;
  free: number;
  revenue: MoneyModel;
  byCategory: Array<{ category: string; sold: number; revenue: MoneyModel }>;
}

/** A cancellation as SeatCancellation resolves it: with its booking, whose show and legs its seats are of. */
export interface SeatCancellationView extends SeatCancellationModel {
  booking: BookingModel;
}

/** Seats cancelled out of a confirmed booking, and what was refunded for them. */
export interface SeatCancellationModel {
  id: string;
  bookingId: string;
  seatIds: string[];
  refund: MoneyModel;
  cancelledBy: string;
  cancelledAt: Date;
}

/** A place on a show's waiting list (WaitlistEntry). */
export interface WaitlistEntryModel {
  id: string;
  showId: string;
  userId: string;
  fromStop: number | null;
  toStop: number | null;
  count: number;
  /** BOOKED: the offer's hold was checked out. PASSED: the offer ended unused. */
  status: 'WAITING' | 'OFFERED' | 'BOOKED' | 'PASSED' | 'LEFT';
  holdId: string | null;
  /** 1 for the next in line, among those waiting; null for the others. */
  position: number | null;
  joinedAt: Date;
}
