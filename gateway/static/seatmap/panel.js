// The side panel's selection and holds, as the Booking state has them.

import { countdown, money } from './format.js';
import { ui } from './view.js';

/** The chosen seats, their total, and whether they can be held now. */
export function renderSelection(booking, maxSeats) {
  const seats = [...booking.selected].map((id) => booking.seats.get(id)).filter(Boolean);
  const signedIn = Boolean(booking.session.token);
  if (seats.length === 0) {
    ui.selection.textContent = signedIn
      ? `Click free seats or a category to choose them (up to ${maxSeats}).`
      : `Sign in, then click free seats (up to ${maxSeats}).`;
    ui.selectionTotal.textContent = '';
  } else {
    ui.selection.textContent = `${seats.map((s) => s.label).join(', ')} (${seats.length} of ${maxSeats})`;
    const priced = seats.filter((s) => s.price);
    const total = priced.reduce((sum, s) => sum + s.price.amount, 0);
    ui.selectionTotal.textContent = priced.length ? `Total ${money(total, priced[0].price.currency)}` : '';
  }
  ui.holdButton.disabled = !signedIn || seats.length === 0 || booking.busy;
  ui.clearButton.disabled = seats.length === 0 || booking.busy;
}

/** One line per hold with its seats, time left, and Pay / Release buttons. */
export function renderHolds(booking) {
  const button = (text, action, hold, secondary) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.disabled = booking.busy;
    if (secondary) b.className = 'secondary';
    b.addEventListener('click', () => action.call(booking, hold.id));
    return b;
  };
  const items = [...booking.holds.values()].map((hold) => {
    const li = document.createElement('li');
    li.dataset.holdId = hold.id;
    const labels = document.createElement('span');
    labels.textContent = [...hold.seatIds].map((id) => booking.label(id)).join(', ');
    const left = document.createElement('span');
    left.className = 'muted';
    left.dataset.expires = String(hold.expiresAt);
    left.textContent = `${countdown(hold.expiresAt - Date.now())} left`;
    const actions = document.createElement('span');
    actions.className = 'actions';
    actions.append(button('Pay (test card)', booking.pay, hold), button('Release', booking.release, hold, true));
    li.append(labels, left, actions);
    return li;
  });
  ui.holds.replaceChildren(...items);
  ui.holdsCard.hidden = items.length === 0;
}

/** Only the time left of each hold: the list itself stays, so no click on its buttons is lost. */
export function renderCountdowns(now) {
  for (const span of ui.holds.querySelectorAll('[data-expires]')) {
    const left = Number(span.dataset.expires) - now;
    span.textContent = left > 0 ? `${countdown(left)} left` : 'expired';
  }
}
