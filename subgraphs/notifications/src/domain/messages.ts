import type { BusEvent, EventPayloads } from '@seats/platform';

/** What a notification says, before it is stored. */
export interface Message {
  userId: string;
  kind: string;
  subject: string;
  body: string;
}

/** The event types that produce a notification to the user concerned. */
export type NotifyingEvent =
  'BookingConfirmed' | 'BookingCancelled' | 'BookingExpired' | 'WaitlistOffered' | 'PaymentFailed' | 'RefundIssued';
type Money = { amount: number; currency: string };

/**
 * Writes the message an event sends to its user; null for events that
 * notify no one. `name` is the recipient's name when known.
 *
 * @example
 * composeMessage(bookingConfirmed, 'Ada')?.subject; // 'Your booking is confirmed'
 */
export function composeMessage(event: BusEvent, name: string | null): Message | null {
  return notifies(event) ? write(event, name) : null;
}

function notifies(event: BusEvent): event is BusEvent<NotifyingEvent> {
  return Object.hasOwn(writers, event.type);
}

function write<T extends NotifyingEvent>(event: BusEvent<T>, name: string | null): Message {
  const writer: Writer<T> = writers[event.type];
  const { subject, lines } = writer(event.payload);
  const greeting = name ? `Hello ${name},` : 'Hello,';
  const body = [greeting, '', ...lines, '', 'The Seats team'].join('\n');
  return { userId: event.payload.userId, kind: event.type, subject, body };
}

type Writer<T extends NotifyingEvent> = (payload: EventPayloads[T]) => { subject: string; lines: string[] };

const writers: { [T in NotifyingEvent]: Writer<T> } = {
  BookingConfirmed: (p) => ({
    subject: 'Your booking is confirmed',
    lines: [
      'your booking is confirmed.',
      '',
      `Booking: ${p.bookingId}`,
      `Seats: ${p.seatIds.join(', ')}`,
      ...legs(p.fromStop, p.toStop),
      `Total: ${formatMoney(p.total)}`,
    ],
  }),
  BookingCancelled: (p) => ({
    subject: 'Your booking was cancelled',
    lines: [
      'your booking was cancelled and its seats were released.',
      '',
      `Booking: ${p.bookingId}`,
      `Seats: ${p.seatIds.join(', ')}`,
      p.paymentId ? `The payment of ${formatMoney(p.total)} is refunded.` : 'No payment was taken.',
    ],
  }),
  BookingExpired: (p) => ({
    subject: 'Your booking expired',
    lines: [
      'the hold on your seats expired before the payment settled, so the booking could not be completed.',
      '',
      `Booking: ${p.bookingId}`,
      p.paymentId ? `The payment of ${formatMoney(p.total)} is refunded.` : 'No payment was taken.',
    ],
  }),
  PaymentFailed: (p) => ({
    subject: 'Your payment was declined',
    lines: [
      `the payment of ${formatMoney(p.amount)} for booking ${p.bookingId} was declined (${p.reason}).`,
      'No money was taken.',
    ],
  }),
  WaitlistOffered: (p) => ({
    subject: 'Seats are held for you',
    lines: [
      'seats of a show you are waiting for came free, and we hold them for you.',
      '',
      `Seats: ${p.seatIds.join(', ')}`,
      ...legs(p.fromStop, p.toStop),
      `Held until: ${p.expiresAt}`,
      `Hold: ${p.holdId} (check it out to book the seats; after that time they go to the next in line)`,
    ],
  }),
  RefundIssued: (p) => ({
    subject: 'Your refund was issued',
    // A part (seats cancelled out of the booking) says its own amount; older events only the payment's.
    lines: [
      `we refunded ${formatMoney(p.refunded ?? p.amount)} for booking ${p.bookingId}.`,
      '',
      `Refund: ${p.refundId}`,
    ],
  }),
};

function legs(fromStop: number | null, toStop: number | null): string[] {
  return fromStop === null || toStop === null ? [] : [`Journey: stop ${fromStop} to stop ${toStop}`];
}

/**
 * Formats an amount in minor units with its currency's number of decimals.
 *
 * @example
 * formatMoney({ amount: 2450, currency: 'EUR' }); // '24.50 EUR'
 * formatMoney({ amount: 1200, currency: 'JPY' }); // '1200 JPY'
 */
export function formatMoney({ amount, currency }: Money): string {
  const digits = minorDigits(currency);
  return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
}

function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // Not an ISO 4217 code Intl knows: cents are the common case.
    return 2;
  }
}
