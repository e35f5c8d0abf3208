import { GraphQLError } from 'graphql';

/**
 * Every error a client can cause carries one of these codes in
 * `extensions.code` (see the contract's header). Apollo's own codes
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST) pass through.
 */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  SeatsUnavailable = 'SEATS_UNAVAILABLE',
  HoldExpired = 'HOLD_EXPIRED',
  PaymentDeclined = 'PAYMENT_DECLINED',
  IdempotencyConflict = 'IDEMPOTENCY_CONFLICT',
  RateLimited = 'RATE_LIMITED',
  /** The request is not one this endpoint serves (Apollo's code for malformed requests). */
  BadRequest = 'BAD_REQUEST',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

const clientCodes = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.InternalServerError),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** True for codes that are safe to show a client as they are. */
export function isClientErrorCode(code: unknown): boolean {
  return typeof code === 'string' && clientCodes.has(code);
}

/** Base class: a GraphQL error with a code and optional extra extensions. */
export class CodedError extends GraphQLError {
  constructor(
    message: string,
    readonly code: ErrorCode,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class UnauthenticatedError extends CodedError {
  constructor(message = 'You must be signed in') {
    super(message, ErrorCode.Unauthenticated);
  }
}

export class ForbiddenError extends CodedError {
  constructor(message = 'You are not allowed to do this') {
    super(message, ErrorCode.Forbidden);
  }
}

/** Malformed or out-of-range input; `field` names the offending input path. */
export class BadUserInputError extends CodedError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, ErrorCode.BadUserInput, { field });
  }
}

export class NotFoundError extends CodedError {
  constructor(what: string) {
    super(`${what} not found`, ErrorCode.NotFound);
  }
}

export class SeatsUnavailableError extends CodedError {
  constructor(readonly seatIds: readonly string[]) {
    super('Some seats are held or booked', ErrorCode.SeatsUnavailable, { seatIds: [...seatIds] });
  }
}

export class HoldExpiredError extends CodedError {
  constructor() {
    super('The hold is no longer active', ErrorCode.HoldExpired);
  }
}

export class PaymentDeclinedError extends CodedError {
  constructor(reason: string) {
    super('The payment was declined', ErrorCode.PaymentDeclined, { reason });
  }
}

export class IdempotencyConflictError extends CodedError {
  constructor() {
    super('This idempotency key was used for a different request', ErrorCode.IdempotencyConflict);
  }
}

export class RateLimitedError extends CodedError {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests', ErrorCode.RateLimited, { retryAfterSeconds });
  }
}

/** For exhaustive switches: the compiler proves this is never reached. */
export class BadRequestError extends CodedError {
  constructor(message: string) {
    super(message, ErrorCode.BadRequest);
  }
}

export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
