// The live seat-map page for /seatmap/<showId>[?from=<stop>&to=<stop>]:
// loads the show, draws its seats, keeps them current over graphql-ws, and
// lets a signed-in user hold seats.

import { gql, seatMapSubscription, showQuery, statusQuery } from './api.js';
import { Booking } from './booking.js';
import { describeSeat, drawSeatMap } from './draw.js';
import { errorText, seatText } from './format.js';
import { LiveSeatMap } from './live.js';
import { Session } from './session.js';
import {
  notify,
  renderAccount,
  renderHeader,
  renderLegend,
  renderLegs,
  renderLive,
  renderVersion,
  ui,
} from './view.js';

const showId = location.pathname.split('/')[2] ?? '';
const params = new URLSearchParams(location.search);
const stopParam = (name) => (/^\d{1,3}$/.test(params.get(name) ?? '') ? Number(params.get(name)) : null);
const legVariables = { fromStop: stopParam('from'), toStop: stopParam('to') };

const seats = new Map(); // id → seat, its status kept current
let elements = new Map(); // id → its SVG element
let legs = null; // a trip's { fromStop, toStop } as the server resolved them

const session = new Session();
const booking = new Booking({ showId, session, seats, legs: () => legs, paint });

function describe(seat) {
  const mine = seat.status === 'HELD' && booking.isMine(seat.id);
  return seatText(seat, mine ? 'yours' : booking.isSelected(seat.id) ? 'selected' : '');
}

/** Redraws those seats' status, selection and ownership. */
function paint(ids) {
  for (const id of ids) {
    const el = elements.get(id);
    const seat = seats.get(id);
    if (!el || !seat) continue;
    el.dataset.selected = String(booking.isSelected(id));
    el.dataset.mine = String(seat.status === 'HELD' && booking.isMine(id));
    describeSeat(el, seat, describe);
    if (id === pointed) ui.seatInfo.textContent = describe(seat);
  }
}

class ShowNotFound extends Error {
  code = 'NOT_FOUND';
}

/** The first load brings the layout and draws it; later ones only statuses. */
async function load(first) {
  const data = await gql(first ? showQuery : statusQuery, { id: showId, ...legVariables });
  if (!data.show) throw new ShowNotFound('No such show');
  if (first) setUp(data.show);
  return data.show.seatMap;
}

function setUp(show) {
  const map = show.seatMap;
  legs = show.kind === 'TRIP' ? { fromStop: map.fromStop, toStop: map.toStop } : null;
  seats.clear();
  for (const seat of map.seats) seats.set(seat.id, seat);
  const categories = summarize(map.seats);
  const categoryIndex = (name) => categories.find((c) => c.name === name)?.index ?? 0;
  elements = drawSeatMap(ui.map, map.seats, { kind: show.kind, categoryIndex, describe });
  renderHeader(show, map);
  renderLegs(show, map);
  renderLegend(categories);
  ui.app.dataset.state = 'ready';
  if (show.status === 'CANCELLED') notify('This show was cancelled.', 'error', 'CANCELLED');
  booking.restore().catch(() => {});
}

/** Categories with their price range, cheapest first; the order picks their colour. */
function summarize(list) {
  const byName = new Map();
  for (const { category, price } of list) {
    const c = byName.get(category) ?? { name: category, min: Infinity, max: -Infinity, currency: price.currency };
    c.min = Math.min(c.min, price.amount);
    c.max = Math.max(c.max, price.amount);
    byName.set(category, c);
  }
  return [...byName.values()].sort((a, b) => a.min - b.min).map((c, i) => ({ ...c, index: i % 6 }));
}

/** New statuses, from a live change or a (re)load. */
function apply(changed, version) {
  const ids = [];
  for (const { id, status } of changed) {
    const seat = seats.get(id);
    if (seat && seat.status !== status) {
      seat.status = status;
      ids.push(id);
    }
  }
  booking.seatsChanged(ids); // first: it may unselect some of them
  paint(ids);
  renderVersion(version);
}

function loadFailed(err) {
  if (err.code === 'NOT_FOUND') {
    live.dispose();
    ui.app.dataset.state = 'missing';
    ui.title.textContent = 'No such show';
    ui.map.replaceChildren();
    return;
  }
  if (seats.size === 0) ui.app.dataset.state = 'error';
  notify(`Could not load the seat map: ${errorText(err, (id) => id)}`, 'error', err.code ?? 'NETWORK_ERROR');
}

let reconnectTimer;

/** The server refused the connection or subscription: retry later, with fresh tokens if they were the reason. */
function liveState(state, detail, error) {
  renderLive(state, detail);
  if (state !== 'error') return;
  clearTimeout(reconnectTimer);
  reconnectTimer = setTimeout(async () => {
    const refused = error && typeof error === 'object' && [4401, 4403].includes(error.code);
    if (refused && session.token) await session.refresh();
    live.connect();
  }, 10_000);
}

const live = new LiveSeatMap({
  token: () => session.token,
  query: seatMapSubscription,
  variables: { showId, ...legVariables },
  load,
  apply,
  onState: liveState,
  onLoadError: loadFailed,
});

function seatOf(event) {
  return event.target instanceof Element ? event.target.closest('.seat')?.dataset.seatId : undefined;
}

let pointed; // the seat last hovered or focused, whose details are shown below the map

function showInfo(event) {
  const id = seatOf(event);
  if (!seats.has(id)) return;
  pointed = id;
  ui.seatInfo.textContent = describe(seats.get(id));
}

function wire() {
  ui.map.addEventListener('click', (event) => {
    const id = seatOf(event);
    if (id) booking.toggle(id);
  });
  ui.map.addEventListener('keydown', (event) => {
    const id = seatOf(event);
    if (!id || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    booking.toggle(id);
  });
  ui.map.addEventListener('mouseover', showInfo);
  ui.map.addEventListener('focusin', showInfo);
  ui.holdButton.addEventListener('click', () => booking.hold());
  ui.clearButton.addEventListener('click', () => booking.clearSelection());
  ui.signin.addEventListener('submit', signIn);
  ui.signoutButton.addEventListener('click', () => session.signOut());
  session.onChange((user) => {
    renderAccount(user);
    if (user) booking.restore().catch(() => {});
    else booking.reset();
    booking.render();
    live.connect(); // the subscription now runs as this user (or as nobody)
  });
}

async function signIn(event) {
  event.preventDefault();
  ui.signinButton.disabled = true;
  try {
    await session.signIn(ui.email.value.trim(), ui.password.value);
    ui.password.value = '';
    notify(`Welcome, ${session.user.name}.`, 'ok');
  } catch (err) {
    const text = err.code === 'UNAUTHENTICATED' ? 'Wrong email or password.' : errorText(err, (id) => id);
    notify(text, 'error', err.code ?? 'NETWORK_ERROR');
  } finally {
    ui.signinButton.disabled = false;
  }
}

wire();
renderAccount(session.user);
booking.render();
live.connect();
