import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BusEvent } from '@seats/platform';
import { composeMessage, formatMoney } from '../src/domain/messages.js';

describe('formatMoney', () => {
  it('uses the currency’s number of decimals', () => {
    expect(formatMoney({ amount: 2450, currency: 'EUR' })).toBe('24.50 EUR');
    expect(formatMoney({ amount: 5, currency: 'USD' })).toBe('0.05 USD');
    expect(formatMoney({ amount: 1200, currency: 'JPY' })).toBe('1200 JPY');
  });

  it('falls back to two decimals for a currency it does not know', () => {
    expect(formatMoney({ amount: 1999, currency: 'XXZ' })).toBe('19.99 XXZ');
  });
});

describe('composeMessage', () => {
  const userId = randomUUID();
  const event = (type: string, payload: object) =>
    ({ id: randomUUID(), type, occurredAt: new Date().toISOString(), payload: { userId, ...payload } }) as BusEvent;

  it('names the trip’s stops for a train booking', () => {
    const message = composeMessage(
      event('BookingConfirmed', {
        bookingId: 'b-1',
        seatIds: ['C2-45'],
        fromStop: 0,
        toStop: 2,
        total: { amount: 8900, currency: 'EUR' },
      }),
      'Ada',
    );
    expect(message).toMatchObject({ userId, kind: 'BookingConfirmed', subject: 'Your booking is confirmed' });
    expect(message?.body).toContain('Hello Ada,');
    expect(message?.body).toContain('stop 0 to stop 2');
    expect(message?.body).toContain('89.00 EUR');
  });

  it('tells a declined payment’s reason', () => {
    const message = composeMessage(
      event('PaymentFailed', { bookingId: 'b-2', amount: { amount: 100, currency: 'EUR' }, reason: 'card_declined' }),
      null,
    );
    expect(message?.body).toMatch(/^Hello,/);
    expect(message?.body).toContain('card_declined');
  });

  it('writes nothing for events that notify no one', () => {
    expect(composeMessage(event('SeatsHeld', {}), null)).toBeNull();
  });
});
