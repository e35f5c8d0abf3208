import { BadUserInputError, isId, liveSubjects, type SeatMapDelta, type SeatMapFrame } from '@seats/platform';

/**
 * The subscription fields the gateway serves, each with the bus subject its
 * events come from. A field the supergraph declares but this map lacks is
 * refused with BAD_REQUEST.
 */
export const liveSources: Record<string, (args: Record<string, unknown>) => string> = {
  seatMapChanged: (args) => {
    const showId = typeof args.showId === 'string' ? args.showId : '';
    if (!isId(showId)) throw new BadUserInputError('showId', 'showId is not a valid id');
    return liveSubjects.seatMap(showId.toLowerCase());
  },
};

/** The source event of a frame of seat-map messages (bookings' `seatMapChanged` reads it). */
export function seatMapFrame(changes: [SeatMapDelta, ...SeatMapDelta[]]): SeatMapFrame {
  return { showId: changes[0].showId, changes };
}
