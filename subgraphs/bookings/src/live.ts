import {
  liveSubjects,
  type BusEvent,
  type EventBus,
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
  const change = changeKind(event);
  if (!change) return undefined;
  const { showId, seatIds, fromStop, toStop, version } = event.payload as SeatChange;
  return { showId, seatIds, fromStop, toStop, version, change };
}

function changeKind(event: BusEvent): SeatMapChangeKind | undefined {
  switch (event.type) {
    case 'SeatsHeld':
      return 'HELD';
    case 'SeatsReleased': {
      const { reason } = event.payload as BusEvent<'SeatsReleased'>['payload'];
      return reason === 'EXPIRED' ? 'EXPIRED' : reason === 'CANCELLED' ? 'CANCELLED' : 'RELEASED';
    }
    case 'BookingConfirmed':
      return 'BOOKED';
    case 'BookingCancelled':
      return 'CANCELLED';
    default:
      return undefined;
  }
}
