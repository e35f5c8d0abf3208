/**
 * What the real-client suites share: the documents a ticketing app sends
 * (typed, from `graphql()`), how it picks two screenings of the small screen,
 * and a console recorder for the warnings client libraries print.
 */
import { format } from 'node:util';
import { vi } from 'vitest';
import { graphql } from '../generated/index.js';
import type { ClientBrowseQuery, SeatStatus } from '../generated/graphql.js';
import { waitFor, type TestStack } from '../support/harness.js';

export const ClientRegisterDocument = graphql(`
  mutation ClientRegister($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      user {
        id
        name
      }
    }
  }
`);

export const ClientBrowseDocument = graphql(`
  query ClientBrowse {
    movies(first: 10) {
      edges {
        node {
          id
          title
          shows {
            id
            startsAt
            screen {
              id
              name
              seatCount
            }
          }
        }
      }
    }
  }
`);

export const ClientSeatMapDocument = graphql(`
  query ClientSeatMap($id: ID!) {
    show(id: $id) {
      id
      seatMap {
        id
        version
        seats {
          id
          code
          status
        }
      }
    }
  }
`);

export const ClientSeatMapChangedDocument = graphql(`
  subscription ClientSeatMapChanged($showId: ID!) {
    seatMapChanged(showId: $showId) {
      version
      change
      seats {
        id
        status
      }
      show {
        id
      }
    }
  }
`);

export const ClientHoldSeatsDocument = graphql(`
  mutation ClientHoldSeats($input: LockSeatsInput!) {
    lockSeats(input: $input) {
      id
      status
      expiresAt
      seats {
        id
        code
        label
      }
    }
  }
`);

export const ClientCheckoutDocument = graphql(`
  mutation ClientCheckout($input: CheckoutInput!) {
    checkout(input: $input) {
      id
      status
      total {
        amount
        currency
      }
      seats {
        id
        code
        label
      }
    }
  }
`);

/** The seats the session books: "I11" is the seat whose shared id once mixed two shows up in caches. */
export const bookedCodes = ['I11', 'I12'];

type SeatList = { seats: Array<{ id: string; code: string; status: SeatStatus }> };

/** The first two screenings of one small screen (under 1000 seats), in browsing order. */
export function pickScreenings(browse: ClientBrowseQuery): [string, string] {
  const shows = browse.movies.edges
    .flatMap((edge) => edge.node.shows)
    .filter((show) => show.screen && show.screen.seatCount < 1000);
  const [first] = shows;
  const second = shows.find((show) => show !== first && show.screen?.id === first?.screen?.id);
  if (!first || !second) throw new Error('fewer than two screenings on one small screen');
  return [first.id, second.id];
}

/** The seats of a map with the given codes, in that order. */
export function seatsWithCodes<S extends SeatList['seats'][number]>(map: { seats: S[] }, codes: string[]): S[] {
  return codes.map((code) => {
    const seat = map.seats.find((s) => s.code === code);
    if (!seat) throw new Error(`no seat ${code}`);
    return seat;
  });
}

/** Code → status of the given seats. */
export const statusesOf = (map: SeatList, codes: string[]) =>
  Object.fromEntries(seatsWithCodes(map, codes).map((s) => [s.code, s.status]));

/**
 * Seat maps arrive in bookings by event after the seed: waits (through the
 * harness, not the client under test) until both picked screenings have theirs.
 */
export async function seatMapsReady(t: TestStack): Promise<void> {
  const ready = async () => {
    const browse = await t.gql(ClientBrowseDocument);
    if (!browse.data) return false;
    for (const id of pickScreenings(browse.data)) {
      const map = await t.gql(ClientSeatMapDocument, { id });
      if (!map.data?.show?.seatMap.seats.length) return false;
    }
    return true;
  };
  await waitFor(() => ready().catch(() => false), 20_000, 200);
}

export interface ConsoleRecord {
  readonly lines: Array<{ level: 'warn' | 'error'; text: string }>;
  restore(): void;
}

/** Records console.warn and console.error (where client libraries log) instead of printing them. */
export function recordConsole(): ConsoleRecord {
  const lines: ConsoleRecord['lines'] = [];
  const spies = (['warn', 'error'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push({ level, text: format(...args) });
    }),
  );
  return { lines, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}
