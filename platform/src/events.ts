/**
 * The event contract: every event a subgraph emits, its subject and its
 * payload. Events are written to the emitting subgraph's outbox in the same
 * transaction as the change and relayed to the bus (JetStream or in-process)
 * with the event id as `Nats-Msg-Id`. Delivery is at least once: consumers
 * dedupe by event id.
 *
 * Each payload is a zod schema and its type is inferred from it, so what a
 * producer may write and what a consumer accepts cannot drift apart: the bus
 * checks every event against its schema before a handler sees it.
 *
 * Subject: `<prefix>.events.<source>.<type>`, e.g. `seats.events.bookings.SeatsHeld`.
 */
import { z } from 'zod';
import { isId } from './ids.js';

/** Every id in an event is a UUID (a malformed one could never be stored, so it is refused here). */
const id = z.string().refine(isId, 'not a UUID');
const timestamp = z.iso.datetime({ offset: true });
const money = z.object({ amount: z.int(), currency: z.string() });

const layoutSeat = z.object({
  /** Unique within the layout, e.g. "F12" or "C2-45". */
  seatId: z.string(),
  label: z.string(),
  row: z.string(),
  number: z.number(),
  /** Seat category (cinema) or class (train coach). */
  category: z.string(),
  x: z.number(),
  y: z.number(),
  /** Wheelchair accessible; absent means false (keeps a 10,000-seat layout event small). */
  accessible: z.boolean().optional(),
});

const routeStop = z.object({
  stationId: id,
  name: z.string(),
  /** Minutes from the trip's departure at the origin. */
  arrivesAfterMinutes: z.number().nullable(),
  departsAfterMinutes: z.number().nullable(),
});

const priceEntry = z.object({
  category: z.string(),
  /** Minor units; for trips this is the price of one leg. */
  amount: z.int(),
  currency: z.string(),
});

/** A change of some seats' status on one show; `version` orders them. */
const seatChange = z.object({
  showId: id,
  seatIds: z.array(z.string()),
  fromStop: z.int().nullable(),
  toStop: z.int().nullable(),
  version: z.int(),
});

const bookingFacts = z.object({
  bookingId: id,
  userId: id,
  showId: id,
  paymentId: id.nullable(),
  total: money,
});

const paymentFacts = z.object({ paymentId: id, bookingId: id, userId: id, amount: money });

/** The payload schema of every event type. */
export const eventPayloadSchemas = {
  // users
  UserRegistered: z.object({ userId: id, email: z.string(), name: z.string() }),
  // catalog
  /** `archived`: no more shows may be scheduled for it (absent in events from before archiving: false). */
  MovieUpserted: z.object({
    movieId: id,
    title: z.string(),
    durationMinutes: z.int(),
    archived: z.boolean().optional(),
  }),
  ScreenUpserted: z.object({ screenId: id, venueId: id, name: z.string(), seats: z.array(layoutSeat) }),
  TrainUpserted: z.object({
    trainId: id,
    number: z.string(),
    name: z.string(),
    route: z.array(routeStop),
    seats: z.array(layoutSeat),
  }),
  // shows
  ShowScheduled: z.object({
    showId: id,
    kind: z.enum(['SCREENING', 'TRIP']),
    /** The screen (screenings) or train (trips) whose seat layout the show sells. */
    layoutId: id,
    startsAt: timestamp,
    /** Number of legs: 1 for a screening, stops - 1 for a trip. */
    legCount: z.int().positive(),
    prices: z.array(priceEntry),
  }),
  ShowCancelled: z.object({
    showId: id,
    /** The admin who cancelled it; bookings names them in each BookingCancelled. */
    cancelledBy: id.optional(),
  }),
  // bookings
  SeatsHeld: seatChange.extend({ holdId: id, userId: id, expiresAt: timestamp }),
  SeatsReleased: seatChange.extend({ holdId: id, reason: z.enum(['RELEASED', 'EXPIRED', 'CANCELLED']) }),
  BookingConfirmed: seatChange.extend(bookingFacts.shape),
  BookingCancelled: seatChange.extend(bookingFacts.shape).extend({ cancelledBy: id }),
  /**
   * Some seats of a confirmed booking cancelled (`seatIds`, now free); the
   * booking stays confirmed with the rest. Payments refunds `refund` of its
   * payment once per `cancellationId`.
   */
  BookingSeatsCancelled: seatChange
    .extend(bookingFacts.shape)
    .extend({ cancellationId: id, refund: money, cancelledBy: id }),
  BookingExpired: bookingFacts,
  /** Seats freed up for a sold-out show are held for the next on its waiting list (`holdId`, until `expiresAt`). */
  WaitlistOffered: z.object({
    entryId: id,
    showId: id,
    userId: id,
    holdId: id,
    seatIds: z.array(z.string()),
    fromStop: z.int().nullable(),
    toStop: z.int().nullable(),
    expiresAt: timestamp,
  }),
  // payments
  PaymentSucceeded: paymentFacts,
  PaymentFailed: paymentFacts.extend({ reason: z.string() }),
  /** `refunded`: what this refund gave back (the whole amount unless a part); absent in events from before parts. */
  RefundIssued: paymentFacts.extend({ refundId: id, refunded: money.optional() }),
};

/** One seat of a screen's or a train's layout. */
export type LayoutSeat = z.infer<typeof layoutSeat>;
/** One stop of a train's route. */
export type RouteStop = z.infer<typeof routeStop>;
/** A show's price for one seat category. */
export type PriceEntry = z.infer<typeof priceEntry>;
/** A change of some seats' status on one show; `version` orders them. */
export type SeatChange = z.infer<typeof seatChange>;
/** What every booking event says about its booking. */
export type BookingFacts = z.infer<typeof bookingFacts>;
/** What every payment event says about its payment. */
export type PaymentFacts = z.infer<typeof paymentFacts>;

export type EventType = keyof typeof eventPayloadSchemas;
/** Each event type's payload, as its schema accepts it. */
export type EventPayloads = { [K in EventType]: z.infer<(typeof eventPayloadSchemas)[K]> };

/** The emitting subgraph of each type: a forgotten source is a type error. */
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
  BookingSeatsCancelled: 'bookings',
  BookingExpired: 'bookings',
  WaitlistOffered: 'bookings',
  PaymentSucceeded: 'payments',
  PaymentFailed: 'payments',
  RefundIssued: 'payments',
};

/** Whether a string names an event type of the contract. */
export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventSources, type);
}

/** Every event type, in contract order. */
export const eventTypes: readonly EventType[] = Object.keys(eventSources).filter(isEventType);

/**
 * An event as it travels on the bus: a union over the types, so
 * `switch (event.type)` narrows `payload` with no cast. `BusEvent<'SeatsHeld'>`
 * is one type's event, `BusEvent<'SeatsHeld' | 'SeatsReleased'>` either.
 */
export type BusEvent<T extends EventType = EventType> = {
  [K in T]: { id: string; type: K; occurredAt: string; payload: EventPayloads[K] };
}[T];

/**
 * What every event on the bus carries around its payload: a reader checks
 * this first, then the payload against its type's schema.
 */
export const eventEnvelopeSchema = z.object({ id, type: z.string(), occurredAt: timestamp, payload: z.unknown() });

/** The subject an event type is published on (without the bus prefix). */
export function eventSubject(type: EventType): string {
  return `events.${eventSources[type]}.${type}`;
}

/** What happened to the seats of a live seat-map change. */
export const seatMapChangeKinds = ['HELD', 'RELEASED', 'EXPIRED', 'BOOKED', 'CANCELLED'] as const;
export type SeatMapChangeKind = (typeof seatMapChangeKinds)[number];

/**
 * A live seat-map message: bookings emits one per seat change once its event
 * is relayed, on `liveSubjects.seatMap(showId)`. Core NATS, not persisted:
 * a watcher that misses one sees a gap in `version` and reloads the map.
 */
export const seatMapDeltaSchema = seatChange.extend({ change: z.enum(seatMapChangeKinds) });
export type SeatMapDelta = z.infer<typeof seatMapDeltaSchema>;

/**
 * Live seat-map messages of one show that a gateway sends its watchers as
 * one: consecutive versions, in order (a gap always starts a new frame, so
 * a watcher still sees it). The gateway passes a frame to bookings as a
 * subscription's source event.
 */
export const seatMapFrameSchema = z
  .object({ showId: z.string(), changes: z.tuple([seatMapDeltaSchema], seatMapDeltaSchema) })
  .refine(
    ({ showId, changes }) =>
      changes.every((c, i) => c.showId === showId && (i === 0 || c.version === changes[i - 1]!.version + 1)),
    'a frame holds consecutive versions of one show',
  );
export type SeatMapFrame = z.infer<typeof seatMapFrameSchema>;

/** Where the gateway serves a layout's seats at one revision (SeatLayout.url). */
export const layoutPath = (layoutId: string, revision: number) => `/layouts/${layoutId}/${revision}`;

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
  /**
   * bookings → payments: the outcome of the charge under a key, for a
   * checkout that never heard back (a ChargeRequest, reply ChargeReply).
   * When no charge was made under the key, none will be: the key is
   * recorded FAILED (`not_charged`), which a late charge request under it
   * is answered with.
   */
  settleCharge: 'rpc.payments.settle-charge',
  /**
   * payments → bookings: settle the bookings of succeeded payments that no
   * confirmation was seen for (a SettlePaymentsRequest, reply
   * SettlePaymentsReply): each booking is confirmed by its payment as the
   * PaymentSucceeded event would have, and the reply says how it stands.
   */
  settlePayments: 'rpc.bookings.settle-payments',
} as const;

/**
 * consumer → a producing subgraph: the events its outbox recorded and
 * published at least a couple of minutes ago, after a position (an
 * OutboxEventsRequest, reply OutboxEventsReply), for a consumer that makes
 * sure it missed none (see notifications' reconciliation).
 */
export const outboxEventsSubject = (subgraph: string): string => `rpc.${subgraph}.outbox-events`;

/** At most this many events per outbox-events reply. */
export const outboxEventsLimit = 500;

export interface OutboxEventsRequest {
  types: EventType[];
  /** The outbox position (`seq`) after which to read. */
  afterSeq: number;
  limit: number;
}

export type OutboxEventsReply =
  | {
      ok: true;
      events: Array<{ seq: number; event: { id: string; type: EventType; occurredAt: string; payload: unknown } }>;
    }
  | { ok: false; error: 'MALFORMED_REQUEST' };

/** At most this many payments per settle-payments request. */
export const settlePaymentsLimit = 100;

export interface SettlePaymentsRequest {
  payments: Array<{ paymentId: string; bookingId: string }>;
}

/**
 * Per payment: `CONFIRMED` (its booking is confirmed by it), `ENDED` (the
 * booking expired or was cancelled, so the payment is to be refunded),
 * `NO_BOOKING` (nothing was booked with it: to be refunded), `PENDING`
 * (still being settled: ask again later).
 */
export type SettledPayment = { paymentId: string; booking: 'CONFIRMED' | 'ENDED' | 'NO_BOOKING' | 'PENDING' };

export type SettlePaymentsReply = { ok: true; results: SettledPayment[] } | { ok: false; error: 'MALFORMED_REQUEST' };

/** The reason of a charge that was never made, settled by `settleCharge`. */
export const notChargedReason = 'not_charged';

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
  /**
   * A part of the payment (a seat cancellation): refunded once per `key`,
   * at most what is left of the payment. Without it, all that is left.
   */
  part?: { key: string; amount: number };
}

/**
 * `PARTLY_REFUNDED`: the part was refunded (now or before) and some of the
 * payment is left. `NOT_SETTLED`: a part of a payment still processing,
 * which is not refunded until it settles (ask again).
 */
export type RefundReply =
  | { ok: true; status: 'REFUNDED' | 'PARTLY_REFUNDED' | 'NOT_CHARGED' }
  | { ok: false; error: 'NOT_FOUND' | 'NOT_SETTLED' };
