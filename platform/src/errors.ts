import { HeaderMap } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

/**
 * Every error a client can cause carries one of these codes in
 * `extensions.code` (see the contract's header). Apollo's own codes
 * (`ApolloServerErrorCode`: GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
 * BAD_REQUEST, OPERATION_RESOLUTION_FAILURE ...) pass through.
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
  /** A dependency (payments, the bus) is away: nothing was done; retry after `retryAfterSeconds`. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** The request is not one this endpoint serves (Apollo's code for malformed requests). */
  BadRequest = 'BAD_REQUEST',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

const clientCodes = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.InternalServerError),
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

/** The HTTP status of each code when its error refuses a whole request (see `refusingRequest`). */
const httpStatus: Record<ErrorCode, number> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.SeatsUnavailable]: 409,
  [ErrorCode.HoldExpired]: 409,
  [ErrorCode.PaymentDeclined]: 402,
  [ErrorCode.IdempotencyConflict]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.InternalServerError]: 500,
};

/** True for codes that are safe to show a client as they are. */
export function isClientErrorCode(code: unknown): boolean {
  return typeof code === 'string' && clientCodes.has(code);
}

/**
 * Base class: a GraphQL error with a code, optional extra extensions, and
 * the HTTP status it answers with when it refuses a whole request.
 */
export class CodedError extends GraphQLError {
  constructor(
    message: string,
    readonly code: ErrorCode,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
  }

  get httpStatus(): number {
    return httpStatus[this.code];
  }

  /** Headers that go with the status (Retry-After for RATE_LIMITED). */
  get httpHeaders(): Record<string, string> {
    return {};
  }
}

/**
 * The error as the answer to the whole request, before anything ran (a bad
 * token, a rate limit, a request the endpoint does not serve): Apollo Server
 * then sends it with the error's HTTP status. A field's error inside a
 * result must not carry one: it would turn a partial result into a failed
 * response.
 *
 * @example
 * throw refusingRequest(new UnauthenticatedError('The access token is invalid or expired'));
 */
export function refusingRequest<E extends CodedError>(error: E): E {
  const headers = new HeaderMap(Object.entries(error.httpHeaders));
  Object.assign(error.extensions, { http: { status: error.httpStatus, headers } });
  return error;
}

/** A JSON error body for answers made outside GraphQL execution (the HTTP layer's own refusals). */
export function errorBody(
  message: string,
  code: ErrorCode,
): { errors: Array<{ message: string; extensions: { code: ErrorCode } }> } {
  return { errors: [{ message, extensions: { code } }] };
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

/** Too many requests; `retryAfterSeconds` says when to try again, when known. */
export class RateLimitedError extends CodedError {
  constructor(
    message = 'Too many requests; try again later',
    readonly retryAfterSeconds?: number,
  ) {
    super(message, ErrorCode.RateLimited, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  }

  override get httpHeaders(): Record<string, string> {
    return this.retryAfterSeconds === undefined ? {} : { 'retry-after': String(this.retryAfterSeconds) };
  }
}

/**
 * A dependency is away and the request changed nothing (e.g. no payments
 * instance took the charge); `retryAfterSeconds` says when to try again.
 */
export class ServiceUnavailableError extends CodedError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, ErrorCode.ServiceUnavailable, { retryAfterSeconds });
  }

  override get httpHeaders(): Record<string, string> {
    return { 'retry-after': String(this.retryAfterSeconds) };
  }
}

/** A request this endpoint does not serve (Apollo's code for malformed requests). */
export class BadRequestError extends CodedError {
  constructor(message: string) {
    super(message, ErrorCode.BadRequest);
  }
}

/**
 * An error under one of Apollo Server's own codes, for requests Apollo Server
 * does not see (graphql-ws subscribe messages are parsed and validated by the
 * gateway itself) but whose clients expect the same codes.
 */
export class ApolloCodedError extends GraphQLError {
  constructor(
    message: string,
    readonly code: ApolloServerErrorCode,
  ) {
    super(message, { extensions: { code } });
  }
}

/** A failure of ours, said without details (they go to the log). */
export class InternalServerError extends CodedError {
  constructor(message = 'Internal server error') {
    super(message, ErrorCode.InternalServerError);
  }
}

/** For exhaustive switches: the compiler proves this is never reached. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
