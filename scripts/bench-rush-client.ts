/**
 * What the buyers and the watchers of `pnpm bench:rush` share: a GraphQL
 * client on node:http keep-alive sockets (lighter than fetch, and able to
 * leave from a chosen loopback address), the seat-map reads, and the seat
 * map as one status letter per seat in layout order (A available, H held,
 * B booked), the form `SeatMap.statuses` has.
 */
import http from 'node:http';

/** Milliseconds since the epoch, with the resolution of `performance.now()`: comparable across the bench's processes. */
export const clock = (): number => performance.timeOrigin + performance.now();

/** A request's outcome: its data, or a code (the GraphQL error's `extensions.code`, `HTTP_<status>`, `TIMEOUT`, `NETWORK`). */
export type Outcome<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export interface ClientOptions {
  /** The loopback address requests leave from (one per process keeps each within its ephemeral ports). */
  localAddress?: string;
  /** Sockets kept open to the gateway; more requests than that queue. */
  maxSockets: number;
  /** The whole exchange's deadline. */
  timeoutMs: number;
}

/** A client of the gateway at `baseUrl` (`http://host:port`). */
export class GatewayClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly baseUrl: string,
    private readonly options: ClientOptions,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  }

  /** POSTs a GraphQL operation to /graphql; the first error's code when it has errors. */
  async graphql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<Outcome<T>> {
    const body = JSON.stringify({ query, variables });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    const response = await this.exchange('POST', '/graphql', headers, body);
    if (!response.ok) return response;
    let parsed: GraphQLBody<T>;
    try {
      parsed = JSON.parse(response.data.text) as GraphQLBody<T>;
    } catch {
      return { ok: false, code: `HTTP_${response.data.status}`, message: response.data.text.slice(0, 200) };
    }
    const error = parsed.errors?.[0];
    if (error) return { ok: false, code: error.extensions?.code ?? 'ERROR', message: error.message };
    if (response.data.status !== 200 || !parsed.data) {
      return { ok: false, code: `HTTP_${response.data.status}`, message: response.data.text.slice(0, 200) };
    }
    return { ok: true, data: parsed.data };
  }

  /** GETs a JSON document from a path on the gateway. */
  async getJson<T>(path: string): Promise<Outcome<T>> {
    const response = await this.exchange('GET', path, {}, '');
    if (!response.ok) return response;
    if (response.data.status !== 200) {
      return { ok: false, code: `HTTP_${response.data.status}`, message: response.data.text.slice(0, 200) };
    }
    return { ok: true, data: JSON.parse(response.data.text) as T };
  }

  dispose(): void {
    this.agent.destroy();
  }

  private exchange(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Outcome<{ status: number; text: string }>> {
    return new Promise((resolve) => {
      const request = http.request(
        `${this.baseUrl}${path}`,
        { method, agent: this.agent, headers, localAddress: this.options.localAddress },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            clearTimeout(timer);
            resolve({ ok: true, data: { status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() } });
          });
          response.on('error', (err) => fail('NETWORK', err));
        },
      );
      const fail = (code: string, err: Error) => {
        clearTimeout(timer);
        resolve({ ok: false, code, message: err.message });
      };
      const timer = setTimeout(() => {
        request.destroy(new Error(`no answer in ${this.options.timeoutMs} ms`));
        fail('TIMEOUT', new Error(`no answer in ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
      request.on('error', (err) => fail('NETWORK', err));
      request.end(body);
    });
  }
}

/** The seats of the show's layout, in layout order (the order of `statuses`). */
export interface Layout {
  codes: string[];
  rows: string[];
  numbers: number[];
  /** A seat's position in layout order, by its code. */
  indexOf: Map<string, number>;
}

/** A seat map at a version: one status letter per seat, in layout order. */
export interface SeatMapState {
  version: number;
  statuses: string;
}

/** The letter of each `SeatStatus`, as `SeatMap.statuses` writes it. */
export const statusLetters = { AVAILABLE: 'A', HELD: 'H', BOOKED: 'B' } as const;
export type SeatStatus = keyof typeof statusLetters;

const layoutQuery = 'query Layout($id: ID!) { show(id: $id) { seatMap { layout { url } } } }';
const statusesQuery = 'query Statuses($id: ID!) { show(id: $id) { seatMap { version statuses } } }';
const fullMapQuery = 'query Seats($id: ID!) { show(id: $id) { seatMap { version seats { code status } } } }';

interface LayoutDocument {
  seats: Array<{ code: string; row: string; number: number }>;
}

/** Reads the show's layout from the address its seat map gives (once per process: it changes only with a new revision). */
export async function loadLayout(client: GatewayClient, showId: string): Promise<Layout> {
  const found = await client.graphql<{ show: { seatMap: { layout: { url: string } } } | null }>(layoutQuery, {
    id: showId,
  });
  if (!found.ok) throw new Error(`the seat map's layout could not be read: ${found.code} ${found.message}`);
  if (!found.data.show) throw new Error(`no show ${showId}`);
  const document = await client.getJson<LayoutDocument>(found.data.show.seatMap.layout.url);
  if (!document.ok) throw new Error(`the layout could not be fetched: ${document.code} ${document.message}`);
  const { seats } = document.data;
  return {
    codes: seats.map((s) => s.code),
    rows: seats.map((s) => s.row),
    numbers: seats.map((s) => s.number),
    indexOf: new Map(seats.map((s, i) => [s.code, i])),
  };
}

/** The seat map in its compact form: the version and one status letter per seat. */
export async function loadSeatMap(client: GatewayClient, showId: string): Promise<Outcome<SeatMapState>> {
  const read = await client.graphql<{ show: { seatMap: SeatMapState } | null }>(statusesQuery, { id: showId });
  if (!read.ok) return read;
  if (!read.data.show) return { ok: false, code: 'NOT_FOUND', message: `no show ${showId}` };
  return { ok: true, data: read.data.show.seatMap };
}

/**
 * The seat map in its full form (every seat with its code and status),
 * turned into the compact one in `layout`'s order: the final check reads
 * the map this way, independently of the form the watchers kept.
 */
export async function loadFullSeatMap(client: GatewayClient, showId: string, layout: Layout): Promise<SeatMapState> {
  const read = await client.graphql<{
    show: { seatMap: { version: number; seats: Array<{ code: string; status: SeatStatus }> } } | null;
  }>(fullMapQuery, { id: showId });
  if (!read.ok) throw new Error(`the seat map could not be read: ${read.code} ${read.message}`);
  if (!read.data.show) throw new Error(`no show ${showId}`);
  const letters = new Array<string>(layout.codes.length).fill('?');
  for (const seat of read.data.show.seatMap.seats) {
    const index = layout.indexOf.get(seat.code);
    if (index !== undefined) letters[index] = statusLetters[seat.status];
  }
  return { version: read.data.show.seatMap.version, statuses: letters.join('') };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
