import {
  liveSubjects,
  type BusEvent,
  type EventBus,
  type EventPayloads,
  type Logger,
  type Outbox,
  type SeatChange,
  type SeatMapChangeKind,
  type SeatMapDelta,
} from '@seats/platform';

/**
 * Turns each relayed seat-change event into a live seat-map message on the
 * show's subject, which gateways subscribe to for their watchers. It runs
 * after the event reached the bus, so a change recorded while NATS was down
 * goes live once it is relayed; a lost message shows as a version gap.
 */
export function emitSeatMapChanges(outbox: Outbox, bus: EventBus, log: Logger): () => void {
  return outbox.onPublished((event) => {
    const delta = seatMapDelta(event);
    if (!delta) return;
    bus.emit(liveSubjects.seatMap(delta.showId), delta).catch((err: unknown) => {
      log.warn({ err, showId: delta.showId, version: delta.version }, 'live seat-map message not sent');
    });
  });
}

/** The live message for a seat-change event; undefined for other events. */
export function seatMapDelta(event: BusEvent): SeatMapDelta | undefined {
  switch (event.type) {
    case 'SeatsHeld':
      return delta(event.payload, 'HELD');
    case 'SeatsReleased':
      return delta(event.payload, releaseKinds[event.payload.reason]);
    case 'BookingConfirmed':
      return delta(event.payload, 'BOOKED');
    case 'BookingCancelled':
    case 'BookingSeatsCancelled':
      return delta(event.payload, 'CANCELLED');
    default:
      return undefined;
  }
}

const releaseKinds: Record<EventPayloads['SeatsReleased']['reason'], SeatMapChangeKind> = {
  RELEASED: 'RELEASED',
  EXPIRED: 'EXPIRED',
  CANCELLED: 'CANCELLED',
};

/** Only the seat change: the event's other fields (user, hold, booking) stay out of a public message. */
function delta({ showId, seatIds, fromStop, toStop, version }: SeatChange, change: SeatMapChangeKind): SeatMapDelta {
  return { showId, seatIds, fromStop, toStop, version, change };
}
