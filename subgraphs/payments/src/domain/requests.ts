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

/** Validates a charge request's shape and ranges; the first field that fails is named. */
export function parseChargeRequest(data: unknown): Parsed<ChargeRequest> {
  const { idempotencyKey, requestHash, bookingId, userId, amount, token } = fieldsOf(data);
  const money = fieldsOf(amount);
  if (!isText(idempotencyKey, 255)) return malformed('idempotencyKey');
  if (!isText(requestHash, 512)) return malformed('requestHash');
  if (!isUuid(bookingId)) return malformed('bookingId');
  if (!isUuid(userId)) return malformed('userId');
  if (!isAmount(money.amount)) return malformed('amount.amount');
  if (!isCurrency(money.currency)) return malformed('amount.currency');
  if (!isText(token, 255)) return malformed('token');
  return {
    ok: true,
    value: {
      idempotencyKey,
      requestHash,
      bookingId: bookingId.toLowerCase(),
      userId: userId.toLowerCase(),
      amount: { amount: money.amount, currency: money.currency },
      token,
    },
  };
}

/** Validates a refund request's shape. */
export function parseRefundRequest(data: unknown): Parsed<RefundRequest> {
  const { paymentId, reason, part } = fieldsOf(data);
  if (!isUuid(paymentId)) return malformed('paymentId');
  if (!isText(reason, 500)) return malformed('reason');
  if (part === undefined) return { ok: true, value: { paymentId: paymentId.toLowerCase(), reason } };
  const { key, amount } = fieldsOf(part);
  if (!isText(key, 100)) return malformed('part.key');
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) return malformed('part.amount');
  return { ok: true, value: { paymentId: paymentId.toLowerCase(), reason, part: { key, amount } } };
}

function malformed(field: string): MalformedReply {
  return { ok: false, error: 'MALFORMED_REQUEST', field };
}

/** The fields of a JSON object; none for anything else. */
function fieldsOf(value: unknown): Partial<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
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
