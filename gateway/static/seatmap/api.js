// Talks to the gateway's /graphql over HTTP. Every request is a JSON POST:
// the gateway's CSRF prevention refuses other content types.

/** A GraphQL response with errors; `code` is the first error's extensions.code. */
export class GraphQLRequestError extends Error {
  constructor(errors, status) {
    const first = errors[0] ?? {};
    super(first.message ?? `HTTP ${status}`);
    this.name = 'GraphQLRequestError';
    this.errors = errors;
    this.status = status;
    this.code = first.extensions?.code ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
    this.extensions = first.extensions ?? {};
  }
}

/** Sends one operation; resolves to `data`, rejects with GraphQLRequestError. */
export async function gql(query, variables = {}, token) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError([], response.status);
  }
  if (body.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
  if (!response.ok || !body.data) throw new GraphQLRequestError([], response.status);
  return body.data;
}

const layouts = new Map(); // url → the layout's promise

/**
 * A layout revision (`{ id, revision, seats }`), fetched once per page: its
 * address never serves other seats, so the browser's cache keeps it across
 * visits and this map across reloads of the seat map.
 */
export function fetchLayout(url) {
  let layout = layouts.get(url);
  if (!layout) {
    layout = fetch(url, { headers: { accept: 'application/json' } }).then(async (response) => {
      const body = response.ok ? await response.json().catch(() => null) : null;
      if (!Array.isArray(body?.seats)) throw new GraphQLRequestError([], response.ok ? 502 : response.status);
      return body;
    });
    layouts.set(url, layout);
    layout.catch(() => layouts.delete(url)); // a failed read is tried again next time
  }
  return layout;
}

/**
 * The compact seat map: one status character per seat (A, H, B) in layout
 * order, the layout's address (fetched once per revision, see layout.js)
 * and a price per category. The `seats` list is never asked for: for a
 * 10,000-seat hall it is megabytes on every load.
 */
const compactMap =
  'version fromStop toStop statuses layout { id revision seatCount url } prices { category price { amount currency } }';

/** The show and its seat map. */
export const showQuery = `query SeatMapPage($id: ID!, $fromStop: Int, $toStop: Int) {
  show(id: $id) {
    id kind status startsAt
    movie { title }
    screen { name venue { name city } }
    train { number name }
    stops { index station { name } departsAt }
    seatMap(fromStop: $fromStop, toStop: $toStop) { ${compactMap} }
  }
}`;

/** Only the seat map: a resync after a gap or a reconnection (the layout is fetched again only if its revision changed). */
export const statusQuery = `query SeatMapStatus($id: ID!, $fromStop: Int, $toStop: Int) {
  show(id: $id) { seatMap(fromStop: $fromStop, toStop: $toStop) { ${compactMap} } }
}`;

export const seatMapSubscription = `subscription SeatMap($showId: ID!, $fromStop: Int, $toStop: Int) {
  seatMapChanged(showId: $showId, fromStop: $fromStop, toStop: $toStop) { version fromVersion change seatIndexes statuses }
}`;

export const loginMutation = `mutation SignIn($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken user { id name email } }
}`;

export const refreshMutation = `mutation Refresh($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) { accessToken refreshToken user { id name email } }
}`;

export const logoutMutation = `mutation SignOut($refreshToken: String!) { logout(refreshToken: $refreshToken) }`;

const holdFields = 'id status expiresAt seats { code label status }';

export const lockSeatsMutation = `mutation HoldSeats($input: LockSeatsInput!) { lockSeats(input: $input) { ${holdFields} } }`;

// The server's own best available, for when the seats picked here were taken meanwhile.
export const lockBestSeatsMutation = `mutation HoldBestSeats($input: LockBestSeatsInput!) {
  lockBestSeats(input: $input) { hold { ${holdFields} } }
}`;

export const releaseSeatsMutation = `mutation ReleaseSeats($holdId: ID!) { releaseSeats(holdId: $holdId) }`;

export const holdQuery = `query Hold($id: ID!) { hold(id: $id) { ${holdFields} } }`;

export const checkoutMutation = `mutation Checkout($input: CheckoutInput!) {
  checkout(input: $input) { id status total { amount currency } }
}`;
