// The page's text parts: header, categories, legend, live status, messages, sign-in state.

import { dateTime, money } from './format.js';

const $ = (id) => document.getElementById(id);

export const ui = {
  app: $('app'),
  title: $('title'),
  subtitle: $('subtitle'),
  liveText: $('live-text'),
  version: $('version'),
  legs: $('legs'),
  fromStop: $('from-stop'),
  toStop: $('to-stop'),
  categories: $('categories'),
  bestCount: $('best-count'),
  legend: $('legend'),
  map: $('map'),
  canvas: $('seat-canvas'),
  zoomIn: $('zoom-in'),
  zoomOut: $('zoom-out'),
  zoomFit: $('zoom-fit'),
  seatInfo: $('seat-info'),
  signinCard: $('signin-card'),
  signin: $('signin'),
  email: $('email'),
  password: $('password'),
  signinButton: $('signin-button'),
  accountCard: $('account-card'),
  accountName: $('account-name'),
  accountEmail: $('account-email'),
  signoutButton: $('signout-button'),
  selection: $('selection'),
  selectionTotal: $('selection-total'),
  holdButton: $('hold-button'),
  clearButton: $('clear-button'),
  holdsCard: $('holds-card'),
  holds: $('holds'),
  message: $('message'),
};

function item(text, attributes = {}) {
  const li = document.createElement('li');
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  for (const [key, value] of Object.entries(attributes)) swatch.setAttribute(key, value);
  li.append(swatch, text);
  return li;
}

/** Title and subtitle: the movie and where it runs, or the train and the chosen legs. */
export function renderHeader(show, map) {
  let title;
  let subtitle;
  if (show.kind === 'TRIP' && show.train) {
    const from = show.stops.find((s) => s.index === map.fromStop);
    const to = show.stops.find((s) => s.index === map.toStop);
    title = `${show.train.number} ${show.train.name}`;
    const route = from && to ? `${from.station.name} → ${to.station.name} · ` : '';
    subtitle = `${route}departs ${dateTime(from?.departsAt ?? show.startsAt)}`;
  } else {
    title = show.movie?.title ?? 'Screening';
    const where = show.screen ? `${show.screen.venue.name} (${show.screen.venue.city}), ${show.screen.name} · ` : '';
    subtitle = `${where}${dateTime(show.startsAt)}`;
  }
  if (show.status === 'CANCELLED') subtitle += ' · cancelled';
  ui.title.textContent = title;
  ui.subtitle.textContent = subtitle;
  document.title = `${title} · Seats`;
}

/** From/To pickers for a trip; choosing reloads the page for those legs. */
export function renderLegs(show, map) {
  if (show.kind !== 'TRIP' || show.stops.length < 2) return;
  const fill = (select, stops, chosen) => {
    select.replaceChildren(
      ...stops.map((stop) => new Option(stop.station.name, String(stop.index), false, stop.index === chosen)),
    );
  };
  fill(ui.fromStop, show.stops.slice(0, -1), map.fromStop);
  fill(ui.toStop, show.stops.slice(1), map.toStop);
  ui.legs.hidden = false;
  const go = () => {
    const from = Number(ui.fromStop.value);
    const to = Number(ui.toStop.value);
    if (from >= to) return;
    location.search = `?from=${from}&to=${to}`;
  };
  ui.fromStop.addEventListener('change', go);
  ui.toStop.addEventListener('change', go);
}

let shownCategories = '';

/**
 * One button per category, coloured as its seats are, with its price: a
 * click picks the best free seats of that category. Drawn again only when
 * the categories or prices change, so a focused button keeps its focus.
 */
export function renderCategories(categories) {
  const key = JSON.stringify(categories);
  if (key === shownCategories) return;
  shownCategories = key;
  const buttons = categories.map(({ name, colour, price }) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'category';
    button.dataset.category = name;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.dataset.colour = colour;
    const text = document.createElement('span');
    text.textContent = `${name} ${money(price.amount, price.currency)}`;
    button.append(swatch, text);
    button.title = `Choose the best free ${name} seats side by side`;
    return button;
  });
  ui.categories.querySelector('.category-buttons').replaceChildren(...buttons);
}

/** What the colours of taken, chosen and own seats mean. */
export function renderLegend() {
  ui.legend.replaceChildren(
    item('Selected', { 'data-swatch': 'selected' }),
    item('Yours', { 'data-swatch': 'mine' }),
    item('Held', { 'data-swatch': 'HELD' }),
    item('Booked', { 'data-swatch': 'BOOKED' }),
    item('Accessible', { 'data-swatch': 'accessible' }),
  );
}

const liveTexts = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  error: 'Live updates unavailable',
  ended: 'Live updates ended',
};

export function renderLive(state, detail) {
  ui.app.dataset.live = state;
  ui.liveText.textContent = liveTexts[state] ?? state;
  ui.liveText.title = detail ?? '';
}

export function renderVersion(version) {
  ui.app.dataset.version = String(version);
  ui.version.textContent = `· version ${version}`;
}

let messageTimer;

/** A message in the side panel; `code` (an error's extensions.code) is kept on it for tests and styling. */
export function notify(text, kind = 'info', code = '') {
  clearTimeout(messageTimer);
  ui.message.textContent = text;
  ui.message.dataset.kind = kind;
  ui.message.dataset.code = code;
  ui.message.hidden = false;
  if (kind !== 'error') messageTimer = setTimeout(() => (ui.message.hidden = true), 8000);
}

export function renderAccount(user) {
  ui.signinCard.hidden = Boolean(user);
  ui.accountCard.hidden = !user;
  ui.accountName.textContent = user?.name ?? '';
  ui.accountEmail.textContent = user?.email ?? '';
  ui.app.dataset.signedIn = String(Boolean(user));
}
