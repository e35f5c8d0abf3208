// The signed-in user's side: choosing seats, holding them (lockSeats, or
// lockBestSeats when the seats of a best pick were taken meanwhile),
// releasing or paying for a hold. Seat statuses themselves come from the
// server (the live map); this only remembers which seats are chosen or ours.
// Seats are named by their code (E7, C3-45), which lockSeats takes.

import {
  checkoutMutation,
  gql,
  holdQuery,
  lockBestSeatsMutation,
  lockSeatsMutation,
  releaseSeatsMutation,
} from './api.js';
import { errorText, money, time } from './format.js';
import { renderCountdowns, renderHolds, renderSelection } from './panel.js';
import { notify } from './view.js';

/** The gateway's default MAX_SEATS_PER_HOLD. */
const maxSeats = 10;

/** A random idempotency key; not crypto.randomUUID, which only secure contexts have (the page may be on plain http). */
function randomKey() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class Booking {
  /**
   * @param {object} options
   * @param {string} options.showId
   * @param {import('./session.js').Session} options.session
   * @param {Map<string, object>} options.seats the drawn seats by code, with their current status
   * @param {() => {fromStop: number, toStop: number} | null} options.legs the trip legs, null for a screening
   * @param {(ids: Iterable<string>) => void} options.paint redraws those seats
   */
  constructor(options) {
    Object.assign(this, options);
    this.selected = new Set();
    this.holds = new Map(); // id → { id, expiresAt, seatIds: Set of codes, payKey }
    this.busy = false;
    this.pending = new Set(); // seats of a hold request under way: their HELD may be our own
    this.best = null; // { category, count } while the selection is a best pick
    this.storageKey = `seats.holds.${this.showId}`;
    setInterval(() => this.tick(), 1000);
  }

  isSelected(id) {
    return this.selected.has(id);
  }

  isMine(id) {
    for (const hold of this.holds.values()) if (hold.seatIds.has(id)) return true;
    return false;
  }

  label(id) {
    return this.seats.get(id)?.label ?? id;
  }

  toggle(id) {
    const seat = this.seats.get(id);
    if (!seat) return;
    if (!this.session.token) return notify('Sign in to choose seats.');
    if (this.selected.delete(id)) return this.changed([id]);
    if (seat.status !== 'AVAILABLE')
      return notify(this.isMine(id) ? `${seat.label} is already in your hold.` : `${seat.label} is taken.`);
    if (this.selected.size >= maxSeats) return notify(`At most ${maxSeats} seats at a time.`);
    this.best = null; // the selection is the user's own now
    this.selected.add(id);
    this.changed([id]);
  }

  /**
   * Makes these seats the selection (the best seats of a category), as far
   * as they may be chosen. `best` is what they were picked for: if they are
   * taken before they are held, the hold asks the server for the best seats
   * then (lockBestSeats) instead of failing.
   */
  choose(ids, best = null) {
    if (!this.session.token) return notify('Sign in to choose seats.');
    const before = [...this.selected];
    this.selected = new Set(ids.filter((id) => this.seats.get(id)?.status === 'AVAILABLE').slice(0, maxSeats));
    this.best = best && this.selected.size === best.count ? best : null;
    this.changed([...before, ...this.selected]);
  }

  clearSelection() {
    const ids = [...this.selected];
    this.selected.clear();
    this.best = null;
    this.changed(ids);
  }

  /**
   * Holds the selection. A best pick whose seats were taken since (the live
   * map dropped some, or lockSeats finds them taken) is held as the server's
   * best seats of that category instead (lockBestSeats).
   */
  async hold() {
    const best = this.best;
    if (this.busy || (this.selected.size === 0 && !best)) return;
    const seatIds = [...this.selected];
    const legs = this.legs() ?? {};
    this.pending = new Set(seatIds);
    const held = [];
    const holdBest = async () => {
      const input = { showId: this.showId, count: best.count, category: best.category, ...legs };
      return (await this.session.authed((token) => gql(lockBestSeatsMutation, { input }, token))).lockBestSeats.hold;
    };
    await this.act(async () => {
      let hold;
      if (best && seatIds.length < best.count) hold = await holdBest();
      else {
        try {
          const input = { showId: this.showId, seatIds, ...legs };
          hold = (await this.session.authed((token) => gql(lockSeatsMutation, { input }, token))).lockSeats;
        } catch (err) {
          if (!best || err.code !== 'SEATS_UNAVAILABLE') throw err;
          hold = await holdBest();
        }
      }
      for (const id of seatIds) this.selected.delete(id);
      this.best = null;
      this.addHold(hold);
      held.push(...hold.seats.map((s) => s.code));
      notify(`Held ${held.map((id) => this.label(id)).join(', ')} until ${time(hold.expiresAt)}.`, 'ok');
    });
    this.pending.clear();
    this.seatsChanged([...seatIds, ...held]); // whatever changed meanwhile, now that we know whose it is
  }

  async release(holdId) {
    await this.act(async () => {
      await this.session.authed((token) => gql(releaseSeatsMutation, { holdId }, token));
      this.dropHold(holdId, 'AVAILABLE');
      notify('Hold released.', 'ok');
    });
  }

  /** Pays with the sandbox's test card; one idempotency key per hold, so a retry cannot pay twice. */
  async pay(holdId) {
    const hold = this.holds.get(holdId);
    if (!hold) return;
    hold.payKey ??= randomKey();
    const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: hold.payKey };
    await this.act(async () => {
      const data = await this.session.authed((token) => gql(checkoutMutation, { input }, token));
      const booking = data.checkout;
      this.dropHold(holdId, booking.status === 'CONFIRMED' ? 'BOOKED' : null);
      const total = money(booking.total.amount, booking.total.currency);
      notify(`Booking ${booking.status.toLowerCase().replace('_', ' ')}: ${total}.`, 'ok');
    });
  }

  /** Runs one request at a time, reporting its failure by error code. */
  async act(request) {
    if (this.busy) return;
    this.busy = true;
    this.render();
    try {
      await request();
    } catch (err) {
      this.failed(err);
    } finally {
      this.busy = false;
      this.render();
    }
  }

  failed(err) {
    notify(
      errorText(err, (id) => this.label(id)),
      'error',
      err.code ?? 'NETWORK_ERROR',
    );
    if (err.code === 'SEATS_UNAVAILABLE') {
      const taken = err.extensions.seatIds ?? [];
      for (const id of taken) this.selected.delete(id);
      this.changed(taken);
    }
  }

  addHold(hold) {
    const seatIds = new Set(hold.seats.map((s) => s.code));
    this.holds.set(hold.id, { id: hold.id, expiresAt: Date.parse(hold.expiresAt), seatIds });
    for (const seat of hold.seats) {
      const drawn = this.seats.get(seat.code);
      if (drawn) drawn.status = seat.status;
    }
    this.save();
    this.changed(seatIds);
  }

  /** Forgets a hold; `status`, when known, is what its seats are now. */
  dropHold(holdId, status) {
    const hold = this.holds.get(holdId);
    if (!hold) return;
    this.holds.delete(holdId);
    for (const id of hold.seatIds) {
      const seat = this.seats.get(id);
      if (seat && status) seat.status = status;
    }
    this.save();
    this.changed(hold.seatIds);
  }

  /** After live changes: chosen seats someone else took are unchosen, our seats that left HELD leave our holds. */
  seatsChanged(ids) {
    const taken = [];
    for (const id of ids) {
      const status = this.seats.get(id)?.status;
      if (this.selected.has(id) && status !== 'AVAILABLE' && !this.pending.has(id)) {
        this.selected.delete(id);
        taken.push(this.label(id));
      }
      for (const hold of this.holds.values()) if (status !== 'HELD') hold.seatIds.delete(id);
    }
    for (const hold of [...this.holds.values()]) if (hold.seatIds.size === 0) this.dropHold(hold.id, null);
    if (taken.length) notify(`Just taken by someone else: ${taken.join(', ')}.`, 'error', 'SEATS_UNAVAILABLE');
    this.render();
  }

  /** Brings back this tab's holds for the show after a reload, if they are still active. */
  async restore() {
    const userId = this.session.user?.id;
    const stored = this.readStored();
    if (!userId || stored.userId !== userId) return;
    const found = await Promise.all(
      stored.ids.map((id) =>
        this.session
          .authed((token) => gql(holdQuery, { id }, token))
          .then(
            (data) => data.hold,
            () => null,
          ),
      ),
    );
    for (const hold of found) if (hold?.status === 'ACTIVE') this.addHold(hold);
    this.save();
  }

  /** On sign-out: nothing is ours any more. */
  reset() {
    const ids = [...this.selected, ...[...this.holds.values()].flatMap((h) => [...h.seatIds])];
    this.selected.clear();
    this.holds.clear();
    this.changed(ids);
  }

  readStored() {
    try {
      const value = JSON.parse(sessionStorage.getItem(this.storageKey) ?? '{}');
      return { userId: value.userId, ids: Array.isArray(value.ids) ? value.ids.slice(0, 20) : [] };
    } catch {
      return { ids: [] };
    }
  }

  save() {
    const value = { userId: this.session.user?.id, ids: [...this.holds.keys()] };
    try {
      sessionStorage.setItem(this.storageKey, JSON.stringify(value));
    } catch {
      // Without storage the holds are still shown until the page reloads.
    }
  }

  changed(ids) {
    this.paint(ids);
    this.render();
  }

  render() {
    renderSelection(this, maxSeats);
    renderHolds(this);
  }

  /** Counts the holds down; one that ran out is dropped a little later if no live change did it. */
  tick() {
    const now = Date.now();
    for (const hold of [...this.holds.values()]) {
      if (now > hold.expiresAt + 5000) this.dropHold(hold.id, null);
    }
    renderCountdowns(now);
  }
}
