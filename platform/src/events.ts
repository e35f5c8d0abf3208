/**
 * The event contract: every event a subgraph emits, its subject and its
 * payload. Events are written to the emitting subgraph's outbox in the same
 * transaction as the change and relayed to the bus (JetStream or in-process)
 * with the event id as `Nats-Msg-Id`. Delivery is at least once: consumers
 * dedupe by event id.
 *
 * Subject: `<prefix>.events.<source>.<type>`, e.g. `seats.events.bookings.SeatsHeld`.
 */

export interface LayoutSeat {
  /** Unique within the layout, e.g. "F12" or "C2-45". */
  seatId: string;
  label: string;
  row: string;
  number: number;
  /** Seat category (cinema) or class (train coach). */
  category: string;
  x: number;
  y: number;
  /** Wheelchair accessible; absent means false (keeps a 10,000-seat layout event small). */
  accessible?: boolean;
}

export interface RouteStop {
  stationId: string;
  name: string;
  /** Minutes from the trip's departure at the origin. */
  arrivesAfterMinutes: number | null;
  departsAfterMinutes: number | null;
}

export interface PriceEntry {
  category: string;
  /** Minor units; for trips this is the price of one leg. */
  amount: number;
  currency: string;
}

export interface EventPayloads {
  // users
  UserRegistered: { userId: string; email: string; name: string };
  // catalog
  MovieUpserted: { movieId: string; title: string; durationMinutes: number };
  ScreenUpserted: { screenId: string; venueId: string; name: string; seats: LayoutSeat[] };
  TrainUpserted: { trainId: string; number: string; name: string; route: RouteStop[]; seats: LayoutSeat[] };
  // shows
  ShowScheduled: {
    showId: string;
    kind: 'SCREENING' | 'TRIP';
    /** The screen (screenings) or train (trips) whose seat layout the show sells. */
    layoutId: string;
    startsAt: string;
    /** Number of legs: 1 for a screening, stops - 1 for a trip. */
    legCount: number;
    prices: PriceEntry[];
  };
  ShowCancelled: {
    showId: string;
    /** The admin who cancelled it; bookings names them in each BookingCancelled. */
    cancelledBy?: string;
  };
  // bookings
  SeatsHeld: SeatChange & { holdId: string; userId: string; expiresAt: string };
  SeatsReleased: SeatChange & { holdId: string; reason: 'RELEASED' | 'EXPIRED' | 'CANCELLED' };
  BookingConfirmed: SeatChange & BookingFacts;
  BookingCancelled: SeatChange & BookingFacts & { cancelledBy: string };
  BookingExpired: BookingFacts;
  // payments
  PaymentSucceeded: PaymentFacts;
  PaymentFailed: PaymentFacts & { reason: string };
  RefundIssued: PaymentFacts & { refundId: string };
}

/** A change of some seats' status on one show; `version` orders them. */
export interface SeatChange {
  showId: string;
  seatIds: string[];
  fromStop: number | null;
  toStop: number | null;
  version: number;
}

export interface BookingFacts {
  bookingId: string;
  userId: string;
  showId: string;
  paymentId: string | null;
  total: { amount: number; currency: string };
}

export interface PaymentFacts {
  paymentId: string;
  bookingId: string;
  userId: string;
  amount: { amount: number; currency: string };
}

export type EventType = keyof EventPayloads;

export const eventSources: Record<EventType, string> = {
  UserRegistered: 'users',
  MovieUpserted: 'catalog',
  ScreenUpserted: 'catalog',
  TrainUpserted: 'catalog',
  ShowScheduled: 'shows',
  ShowCancelled: 'shows',
  SeatsHeld: 'bookings',
  SeatsReleased: 'bookings',
  BookingConfirmed: 'bookings',
  BookingCancelled: 'bookings',
  BookingExpired: 'bookings',
  PaymentSucceeded: 'payments',
  PaymentFailed: 'payments',
  RefundIssued: 'payments',
};

/** An event as it travels on the bus. */
export interface BusEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  payload: EventPayloads[T];
}

/** The subject an event type is published on (without the bus prefix). */
export function eventSubject(type: EventType): string {
  return `events.${eventSources[type]}.${type}`;
}

/** What happened to the seats of a live seat-map change. */
export type SeatMapChangeKind = 'HELD' | 'RELEASED' | 'EXPIRED' | 'BOOKED' | 'CANCELLED';

/**
 * A live seat-map message: bookings emits one per seat change once its event
 * is relayed, on `liveSubjects.seatMap(showId)`. Core NATS, not persisted:
 * a watcher that misses one sees a gap in `version` and reloads the map.
 */
export interface SeatMapDelta extends SeatChange {
  change: SeatMapChangeKind;
}

/** Subjects of live (not persisted) messages, without the bus prefix. */
export const liveSubjects = {
  /** One show's seat changes; showId is a UUID, so it is a single subject token. */
  seatMap: (showId: string) => `live.seatmap.${showId}`,
} as const;

/** Request/reply subjects between subgraphs (without the bus prefix). */
export const requestSubjects = {
  /** bookings → payments: charge a booking; reply ChargeReply. */
  charge: 'rpc.payments.charge',
  /** bookings → payments: refund a payment; reply RefundReply. */
  refund: 'rpc.payments.refund',
} as const;

export interface ChargeRequest {
  /** Stable per user and client idempotency key. */
  idempotencyKey: string;
  /** Hash of the client's request; another request under one key is a conflict. */
  requestHash: string;
  bookingId: string;
  userId: string;
  amount: { amount: number; currency: string };
  token: string;
}

export type ChargeReply =
  | { ok: true; paymentId: string; status: 'SUCCEEDED' | 'PROCESSING' | 'FAILED'; reason: string | null }
  | { ok: false; error: 'IDEMPOTENCY_CONFLICT' | 'INVALID_TOKEN' };

export interface RefundRequest {
  paymentId: string;
  reason: string;
}

export type RefundReply = { ok: true; status: 'REFUNDED' | 'NOT_CHARGED' } | { ok: false; error: 'NOT_FOUND' };
