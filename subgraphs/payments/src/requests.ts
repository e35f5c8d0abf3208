import { isId, type ChargeRequest, type RefundRequest } from '@seats/platform';

/**
 * Requests arrive on the bus as untyped JSON. Anything that does not match the
 * contract in events.ts is answered with this reply and changes nothing.
 * (ChargeReply/RefundReply have no code for it: a well-behaved caller never
 * sees it.)
 */
export interface MalformedReply {
  ok: false;
  error: 'MALFORMED_REQUEST';
  field: string;
}

type Parsed<T> = { ok: true; value: T } | MalformedReply;

const maxAmount = 2_147_483_647;

/** Validates a charge request's shape and ranges. */
export function parseChargeRequest(data: unknown): Parsed<ChargeRequest> {
  const r = asRecord(data);
  const amount = asRecord(r.amount);
  const problem =
    (!isText(r.idempotencyKey, 255) && 'idempotencyKey') ||
    (!isText(r.requestHash, 512) && 'requestHash') ||
    (!isUuid(r.bookingId) && 'bookingId') ||
    (!isUuid(r.userId) && 'userId') ||
    (!isAmount(amount.amount) && 'amount.amount') ||
    (!isCurrency(amount.currency) && 'amount.currency') ||
    (!isText(r.token, 255) && 'token');
  if (problem) return malformed(problem);
  return {
    ok: true,
    value: {
      idempotencyKey: r.idempotencyKey as string,
      requestHash: r.requestHash as string,
      bookingId: (r.bookingId as string).toLowerCase(),
      userId: (r.userId as string).toLowerCase(),
      amount: { amount: amount.amount as number, currency: amount.currency as string },
      token: r.token as string,
    },
  };
}

/** Validates a refund request's shape. */
export function parseRefundRequest(data: unknown): Parsed<RefundRequest> {
  const r = asRecord(data);
  if (!isUuid(r.paymentId)) return malformed('paymentId');
  if (!isText(r.reason, 500)) return malformed('reason');
  return { ok: true, value: { paymentId: r.paymentId.toLowerCase(), reason: r.reason } };
}

function malformed(field: string): MalformedReply {
  return { ok: false, error: 'MALFORMED_REQUEST', field };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && isId(value);
}

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= maxAmount;
}

function isCurrency(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value);
}
