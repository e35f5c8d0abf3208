// The live seat-map page for /seatmap/<showId>[?from=<stop>&to=<stop>]:
// loads the show and its compact seat map (statuses, layout address,
// prices), draws the layout's seats on a canvas, keeps them current over
// graphql-ws, picks the best seats of a category, and lets a signed-in user
// hold seats.

import { fetchLayout, gql, seatMapSubscription, showQuery, statusQuery } from './api.js';
import { bestSeats } from './best-seats.js';
import { Booking } from './booking.js';
import { errorText, seatText } from './format.js';
import { LiveSeatMap } from './live.js';
import { SeatMapView } from './map.js';
import { buildPlan } from './plan.js';
import { Session } from './session.js';
import {
  notify,
  renderAccount,
  renderCategories,
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

/** SeatMap.statuses has one of these characters per seat. */
const statusNames = { A: 'AVAILABLE', H: 'HELD', B: 'BOOKED' };

const seats = new Map(); // code → the plan's seat, with its status and price kept current
let plan = null; // the drawing plan of the current layout revision
let layoutUrl = null;
let kind = 'SCREENING';
let legs = null; // a trip's { fromStop, toStop } as the server resolved them

const session = new Session();
const booking = new Booking({ showId, session, seats, legs: () => legs, paint });
const map = new SeatMapView({
  container: ui.map,
  canvas: ui.canvas,
  buttons: { zoomIn: ui.zoomIn, zoomOut: ui.zoomOut, fit: ui.zoomFit },
  fillOf,
  point: (index) => showInfo(plan?.seats[index]),
  choose: (index) => plan && booking.toggle(plan.seats[index].code),
});

/** A seat's colour: ours, chosen, taken, or its category's while free. */
function fillOf(index) {
  const seat = plan.seats[index];
  if (booking.isSelected(seat.code)) return 'selected';
  if (seat.status === 'HELD') return booking.isMine(seat.code) ? 'mine' : 'held';
  if (seat.status === 'BOOKED') return 'booked';
  return seat.colour;
}

function describe(seat) {
  const mine = seat.status === 'HELD' && booking.isMine(seat.code);
  return seatText(seat, mine ? 'yours' : booking.isSelected(seat.code) ? 'selected' : '');
}

let pointed; // the seat last hovered or under the keyboard cursor, whose details are shown below the map

function showInfo(seat) {
  if (!seat) return;
  pointed = seat;
  ui.seatInfo.textContent = describe(seat);
}

/** Redraws those seats' status, selection and ownership. */
function paint(codes) {
  const indexes = [];
  for (const code of codes) {
    const seat = seats.get(code);
    if (!seat) continue;
    indexes.push(seat.index);
    if (seat === pointed) showInfo(seat);
  }
  map.repaint(indexes);
}

class ShowNotFound extends Error {
  code = 'NOT_FOUND';
}

/** The first load brings the show too; every load brings the layout when its revision is new. */
async function load(first) {
  const data = await gql(first ? showQuery : statusQuery, { id: showId, ...legVariables });
  if (!data.show) throw new ShowNotFound('No such show');
  const seatMap = data.show.seatMap;
  const layout = await fetchLayout(seatMap.layout.url);
  if (layout.seats.length !== seatMap.statuses.length) throw new Error('The seat map does not match its layout');
  if (first) setUpShow(data.show);
  return { ...seatMap, places: layout.seats };
}

function setUpShow(show) {
  const seatMap = show.seatMap;
  kind = show.kind;
  legs = kind === 'TRIP' ? { fromStop: seatMap.fromStop, toStop: seatMap.toStop } : null;
  renderHeader(show, seatMap);
  renderLegs(show, seatMap);
  if (show.status === 'CANCELLED') notify('This show was cancelled.', 'error', 'CANCELLED');
}

/** Categories by price, cheapest first; the order picks their colour. */
function categoriesOf(prices) {
  return [...prices]
    .sort((a, b) => a.price.amount - b.price.amount)
    .map(({ category, price }, i) => ({ name: category, price, colour: `cat-${i % 6}` }));
}

/** A loaded map: a new layout revision is drawn afresh, then the statuses are brought up to date. */
function applyMap(loaded) {
  const categories = categoriesOf(loaded.prices);
  if (loaded.layout.url !== layoutUrl) setUpLayout(loaded, categories);
  const priceOf = new Map(categories.map((c) => [c.name, c.price]));
  for (const seat of plan.seats) seat.price = priceOf.get(seat.category) ?? null;
  renderCategories(categories);
  const changed = [];
  plan.seats.forEach((seat, i) => changed.push([seat.code, statusNames[loaded.statuses[i]] ?? 'BOOKED']));
  update(changed, loaded.version);
}

function setUpLayout(loaded, categories) {
  const first = plan === null;
  const colourOf = new Map(categories.map((c) => [c.name, c.colour]));
  plan = buildPlan(loaded.places, kind);
  layoutUrl = loaded.layout.url;
  seats.clear();
  for (const seat of plan.seats) {
    seat.status = 'AVAILABLE';
    seat.colour = colourOf.get(seat.category) ?? 'cat-0';
    seats.set(seat.code, seat);
  }
  pointed = undefined;
  map.setPlan(plan);
  renderLegend();
  ui.app.dataset.state = 'ready';
  if (first) booking.restore().catch(() => {});
  else if (booking.selected.size > 0) {
    booking.clearSelection();
    notify('The seat layout changed: please choose your seats again.');
  }
}

/** New statuses, from a live message or a (re)load: only seats that changed are repainted. */
function update(statuses, version) {
  const codes = [];
  for (const [code, status] of statuses) {
    const seat = seats.get(code);
    if (seat && seat.status !== status) {
      seat.status = status;
      codes.push(code);
    }
  }
  booking.seatsChanged(codes); // first: it may unselect some of them
  paint(codes);
  renderVersion(version);
}

function loadFailed(err) {
  if (err.code === 'NOT_FOUND') {
    live.dispose();
    ui.app.dataset.state = 'missing';
    ui.title.textContent = 'No such show';
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
  applyMap,
  // Compact changes: places in the layout's seat order and their status letters (as in the map's statuses).
  applyChange: (change) =>
    update(
      change.seatIndexes.flatMap((i, k) =>
        plan?.seats[i] ? [[plan.seats[i].code, statusNames[change.statuses[k]] ?? 'BOOKED']] : [],
      ),
      change.version,
    ),
  onState: liveState,
  onLoadError: loadFailed,
});

/** Chooses the best free seats of a category side by side (see best-seats.js) and shows them. */
function pickBest(category) {
  if (!plan) return;
  if (!session.token) return notify('Sign in to choose seats.');
  const count = Number(ui.bestCount.value) || 2;
  const isFree = (i) => plan.seats[i].status === 'AVAILABLE';
  const picked = bestSeats(plan.seats, { category, count, isFree, across: kind === 'TRIP' ? 'y' : 'x' });
  if (!picked) return notify(`No ${count} free ${category} seats side by side.`);
  booking.choose(
    picked.map((i) => plan.seats[i].code),
    { category, count },
  );
  map.showSeats(picked);
  showInfo(plan.seats[picked[0]]);
}

function wire() {
  ui.categories.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-category]') : null;
    if (button) pickBest(button.dataset.category);
  });
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

/**
 * What the page holds, for scripts and tests that drive it: a canvas has no
 * element per seat to query. Read with
 * `(await import('/seatmap/assets/main.js')).probe` in the page.
 */
export const probe = {
  seatCount: () => plan?.seats.length ?? 0,
  status: (code) => seats.get(code)?.status,
  /** Codes of seats with this status, in layout order, skipping the first `skip`. */
  find: (status, count, skip = 0) =>
    (plan?.seats ?? [])
      .filter((s) => s.status === status)
      .slice(skip, skip + count)
      .map((s) => s.code),
  seat: (code) => {
    const seat = seats.get(code);
    return seat ? { code, row: seat.row, number: seat.number, category: seat.category, x: seat.x, y: seat.y } : null;
  },
  /** Where a seat is on the page (client CSS px, its centre) and how big it is drawn. */
  onPage: (code) => (seats.has(code) ? map.seatOnPage(seats.get(code).index) : null),
  selected: () => [...booking.selected],
  mine: (code) => booking.isMine(code),
  cursor: () => (map.cursor === undefined ? undefined : plan?.seats[map.cursor].code),
  seatPx: () => map.view.seatPx,
  draws: () => ({ ...map.painter.counts }),
};

wire();
renderAccount(session.user);
booking.render();
live.connect();
