import { createHash } from 'node:crypto';
import {
  BadUserInputError,
  BusUnreachableError,
  CodedError,
  ErrorCode,
  ForbiddenError,
  HoldExpiredError,
  IdempotencyConflictError,
  NotFoundError,
  parseId,
  PaymentDeclinedError,
  requestSubjects,
  requireUser,
  ServiceUnavailableError,
  type ChargeReply,
  type ChargeRequest,
  type Db,
  type EventBus,
  type Identity,
} from '@seats/platform';
import type { BookingService } from './bookings.js';
import type { BookingModel } from './models.js';
import {
  findBooking,
  findCheckout,
  forgetCheckout,
  settleCheckout,
  settleCheckoutFromBooking,
  takeOverCheckout,
  type CheckoutRecord,
} from './db/bookings.js';

export interface CheckoutRequest {
  holdId: string;
  paymentMethod: { token: string };
  idempotencyKey: string;
}

/** How long a checkout waits for the charge's answer. */
export const chargeTimeoutMs = 10_000;
/** What SERVICE_UNAVAILABLE suggests when no payments instance took a charge. */
const paymentsRetrySeconds = 5;
const repeatWaitMs = 15_000;
/**
 * How long a claimed key belongs to the checkout that claimed it (the
 * default of checkouts.leased_until, migration 0006): longer than a charge
 * may take, so only a dead process's claim is taken over.
 */
const checkoutLeaseSeconds = 30;

/**
 * `checkout` with Stripe-style idempotency: the first request under a key
 * runs, a repeat with the same input gets its result (waiting while it is
 * still running), and the same key with other input is a conflict.
 */
export class CheckoutService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly bookings: BookingService,
  ) {}

  async checkout(identity: Identity | null, input: CheckoutRequest): Promise<BookingModel> {
    const caller = requireUser(identity);
    const holdId = parseId(input.holdId, 'input.holdId');
    const key = validKey(input.idempotencyKey);
    const token = validToken(input.paymentMethod.token);
    const requestHash = checkoutRequestHash(holdId, token);
    // Claims the key and opens the booking in one round trip; a refusal there settles the key itself.
    const booking = await this.bookings.startCheckout(caller, {
      key,
      requestHash,
      holdId,
      bookingId: bookingIdFor(caller.userId, key),
    });
    if (booking === 'replay') return this.replay(caller, key, token, requestHash);
    try {
      return await this.charge(caller, booking, key, token, requestHash);
    } catch (err) {
      await this.settleFailure(caller.userId, key, err);
      throw err;
    }
  }

  private async charge(
    identity: Identity,
    booking: BookingModel,
    key: string,
    token: string,
    requestHash: string,
  ): Promise<BookingModel> {
    const request: ChargeRequest = {
      idempotencyKey: chargeKey(identity.userId, key),
      requestHash,
      bookingId: booking.id,
      userId: identity.userId,
      amount: booking.total,
      token,
    };
    let reply: ChargeReply;
    try {
      reply = await this.bus.request<ChargeReply>(requestSubjects.charge, request, chargeTimeoutMs);
    } catch (err) {
      if (err instanceof BusUnreachableError) {
        // Certainly not charged: no booking, the key freed, the seats still held for a retry.
        await this.bookings.abandonCheckout(booking.id);
        throw new ServiceUnavailableError(
          'Payments are unavailable; nothing was charged and the seats stay held: try again',
          paymentsRetrySeconds,
        );
      }
      // The charge may or may not have happened: keep the booking pending.
      // A PaymentSucceeded event confirms it; otherwise it expires with its
      // hold, and a payment that still succeeds afterwards is refunded.
      return this.keepPending(identity.userId, key, booking);
    }
    if (!reply.ok) {
      await this.bookings.abandonCheckout(booking.id);
      if (reply.error === 'IDEMPOTENCY_CONFLICT') throw new IdempotencyConflictError();
      throw new BadUserInputError('input.paymentMethod.token', 'Unknown payment token');
    }
    if (reply.status === 'FAILED') {
      await this.bookings.abandonCheckout(booking.id);
      throw new PaymentDeclinedError(reply.reason ?? 'declined');
    }
    try {
      if (reply.status === 'SUCCEEDED') {
        return await this.bookings.confirm(booking.id, reply.paymentId, { userId: identity.userId, key });
      }
      const result = await this.bookings.attachPayment(booking.id, reply.paymentId);
      await settleCheckout(this.db, identity.userId, key, 'BOOKED', result.id);
      return result;
    } catch {
      // Charged: the payment's event settles the booking later.
      return this.keepPending(identity.userId, key, booking);
    }
  }

  private async keepPending(userId: string, key: string, booking: BookingModel): Promise<BookingModel> {
    await settleCheckout(this.db, userId, key, 'BOOKED', booking.id);
    return (await findBooking(this.db, booking.id)) ?? booking;
  }

  /**
   * Records how a failed first attempt ended, so that repeats answer the
   * same. Only refusals that certainly charged nothing (a decline, an ended
   * hold, a conflict, a bad token, no payments instance) settle or free the
   * key. Anything else (the database away while the charge's answer was
   * being recorded, say) leaves it claimed: the charge may have been made,
   * and a repeat after the lease, or reconciliation, finishes it from there.
   */
  private async settleFailure(userId: string, key: string, err: unknown): Promise<void> {
    if (err instanceof PaymentDeclinedError) {
      await settleCheckout(this.db, userId, key, 'DECLINED', null, String(err.extensions.reason));
    } else if (err instanceof HoldExpiredError) {
      await settleCheckout(this.db, userId, key, 'HOLD_EXPIRED', null);
    } else if (
      err instanceof ServiceUnavailableError ||
      err instanceof IdempotencyConflictError ||
      err instanceof BadUserInputError
    ) {
      // Nothing was charged (the booking was removed): free the key.
      await forgetCheckout(this.db, userId, key);
    }
  }

  /**
   * A repeat of a claimed key: the first request's outcome once it is
   * settled; while it runs, a wait for it; once its lease ran out (the
   * process that ran it died), the repeat finishes it itself.
   */
  private async replay(identity: Identity, key: string, token: string, requestHash: string): Promise<BookingModel> {
    const { userId } = identity;
    const deadline = Date.now() + repeatWaitMs;
    for (;;) {
      const row = await findCheckout(this.db, userId, key);
      if (!row) throw firstRequestFailed();
      if (row.requestHash !== requestHash) throw new IdempotencyConflictError();
      if (row.outcome !== 'PENDING') return this.answer(row);
      if (await takeOverCheckout(this.db, userId, key, checkoutLeaseSeconds)) {
        return this.resume(identity, row, key, token, requestHash);
      }
      if (Date.now() > deadline)
        throw new CodedError('The first request with this key is still running', ErrorCode.BadUserInput, {
          field: 'input.idempotencyKey',
        });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Finishes a checkout whose first process died, from where its booking
   * is: a pending one is charged (payments answers a charge it already made
   * under the same key with that payment, so nothing is charged twice) and
   * settled as the first would have; one that a payment event confirmed, or
   * that was cancelled, is the answer; an expired one is HOLD_EXPIRED (a
   * payment that succeeded for it is refunded). No booking: the first
   * request's charge was declined or never made, and its booking removed;
   * the key is freed.
   */
  private async resume(
    identity: Identity,
    row: CheckoutRecord,
    key: string,
    token: string,
    requestHash: string,
  ): Promise<BookingModel> {
    const { userId } = identity;
    const booking = row.bookingId ? await findBooking(this.db, row.bookingId) : null;
    if (!booking) {
      await settleCheckoutFromBooking(this.db, userId, key, null);
      throw firstRequestFailed();
    }
    switch (booking.status) {
      case 'PENDING_PAYMENT':
        if (!(await this.bookings.holdIsActive(booking.holdId))) {
          // Too late to charge; a charge the first process made is refunded once the booking expires.
          await settleCheckout(this.db, userId, key, 'HOLD_EXPIRED', null);
          throw new HoldExpiredError();
        }
        try {
          return await this.charge(identity, booking, key, token, requestHash);
        } catch (err) {
          await this.settleFailure(userId, key, err);
          throw err;
        }
      case 'CONFIRMED':
      case 'CANCELLED':
        await settleCheckoutFromBooking(this.db, userId, key, booking);
        return booking;
      case 'EXPIRED':
        await settleCheckoutFromBooking(this.db, userId, key, booking);
        throw new HoldExpiredError();
    }
  }

  private async answer(row: CheckoutRecord): Promise<BookingModel> {
    switch (row.outcome) {
      case 'BOOKED': {
        const booking = row.bookingId ? await findBooking(this.db, row.bookingId) : null;
        if (!booking) throw new NotFoundError('Booking');
        return booking;
      }
      case 'DECLINED':
        throw new PaymentDeclinedError(row.reason ?? 'declined');
      case 'HOLD_EXPIRED':
        throw new HoldExpiredError();
      case 'PENDING':
        throw new ForbiddenError('still running');
    }
  }
}

/** The key payments charges under: one per user and client key. */
export function chargeKey(userId: string, key: string): string {
  return `${userId}:${key}`;
}

/** What a key's first checkout asked for: a repeat under the key asking for anything else is a conflict. */
export function checkoutRequestHash(holdId: string, token: string): string {
  return createHash('sha256').update(`${holdId}\n${token}`).digest('hex');
}

const firstRequestFailed = () =>
  new CodedError('The first request with this key failed; try again', ErrorCode.BadUserInput, {
    field: 'input.idempotencyKey',
  });

/** One booking id per user and key, so a retried first attempt reuses it (and its payment). */
function bookingIdFor(userId: string, key: string): string {
  const hex = createHash('sha256').update(`booking:${userId}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function validKey(key: string): string {
  if (key.length < 1 || key.length > 255 || /[^\x21-\x7e]/.test(key)) {
    throw new BadUserInputError(
      'input.idempotencyKey',
      'The idempotency key must be 1 to 255 visible ASCII characters',
    );
  }
  return key;
}

function validToken(token: string): string {
  if (token.length < 1 || token.length > 100 || /[^\x21-\x7e]/.test(token)) {
    throw new BadUserInputError('input.paymentMethod.token', 'The payment token is malformed');
  }
  return token;
}
