// Formatting for people: money, times, statuses and error codes.

const moneyFormats = new Map();

/** `amount` is in minor units (cents); the currency says how many digits that is. */
export function money(amount, currency) {
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      format = { format: (value) => `${value.toFixed(2)} ${currency}`, resolvedOptions: () => ({}) };
    }
    moneyFormats.set(currency, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

export function dateTime(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function time(iso) {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "4:05" for 245 000 ms. */
export function countdown(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const statusNames = { AVAILABLE: 'available', HELD: 'held', BOOKED: 'booked' };

export function statusName(status) {
  return statusNames[status] ?? status.toLowerCase();
}

/** A seat's tooltip: "F12 · PREMIUM · €14.00 · available". */
export function seatText(seat, extra) {
  const price = seat.price ? money(seat.price.amount, seat.price.currency) : 'no price';
  const parts = [seat.label, seat.category, price, statusName(seat.status)];
  if (seat.accessible) parts.push('accessible');
  if (extra) parts.push(extra);
  return parts.join(' · ');
}

/**
 * What to tell the person about a failed request, by its error code (the
 * server's message text is shown only when the code says nothing more).
 * `labelOf(id)` names a seat.
 */
export function errorText(err, labelOf) {
  const extensions = err.extensions ?? {};
  switch (err.code) {
    case 'SEATS_UNAVAILABLE': {
      const labels = (extensions.seatIds ?? []).map(labelOf);
      return labels.length ? `Just taken by someone else: ${labels.join(', ')}.` : 'Some seats were just taken.';
    }
    case 'RATE_LIMITED':
      return `Too many attempts; try again in ${extensions.retryAfterSeconds ?? 'a few'} seconds.`;
    case 'UNAUTHENTICATED':
      return 'Please sign in (again).';
    case 'FORBIDDEN':
      return 'That is not allowed for this account.';
    case 'HOLD_EXPIRED':
      return 'The hold has expired; choose the seats again.';
    case 'PAYMENT_DECLINED':
      return 'The payment was declined.';
    case 'NOT_FOUND':
      return 'Not found (it may have been removed).';
    case 'BAD_USER_INPUT':
      return `Not accepted: ${err.message}`;
    default:
      return navigator.onLine === false ? 'You are offline.' : `Something went wrong (${err.code ?? 'network error'}).`;
  }
}
