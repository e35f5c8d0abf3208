/**
 * One client request through the gateway, as a buyer's app sends it: it
 * gives up after a timeout, and it tells what it was told (the answer's
 * data or error code, its HTTP status) to a log the invariants read.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GqlResult, TestStack } from '../harness.js';

/**
 * Codes for a request that got no answer: the client's timeout, no
 * (readable) response at all, or the run ending before the answer came.
 */
export const noAnswer = { timeout: 'CLIENT_TIMEOUT', failed: 'NO_ANSWER', abandoned: 'ABANDONED' } as const;

/** What the clients were told, over all their requests. */
export interface ClientLog {
  requests: number;
  /** Errors answered, by `extensions.code` (and the codes of `noAnswer`). */
  codes: Record<string, number>;
  /** Answers by HTTP status (`none` when there was no answer). */
  statuses: Record<string, number>;
  /** Some of the INTERNAL_SERVER_ERRORs answered (the count is in `codes`). */
  internalErrors: ErrorSample[];
  /** Errors without a code (there should be none). */
  uncodedErrors: ErrorSample[];
  /** Some of the requests that got no answer in time. */
  timeouts: ErrorSample[];
}

export interface ErrorSample {
  operation: string;
  message: string;
}

export interface Answer<T> {
  data: T | undefined;
  /** The first error's code, with its field for BAD_USER_INPUT (`BAD_USER_INPUT(input.holdId)`); '' when none. */
  code: string;
  /** Whether a client should send the same request again: the outcome is not known, or it was told to. */
  retryable: boolean;
  /** How long the answer asked the client to wait before it tries again (`retryAfterSeconds`). */
  retryAfterMs: number | undefined;
}

export interface Request<T, V> {
  operation: string;
  document: TypedDocumentNode<T, V>;
  variables: V;
  token: string;
  timeoutMs: number;
  /** Aborts the request when the run ends (see `noAnswer.abandoned`). */
  halt: AbortSignal;
}

const samplesKept = 20;
const retryableCodes = new Set<string>([
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  noAnswer.timeout,
  noAnswer.failed,
]);

export async function send<T, V>(t: TestStack, log: ClientLog, request: Request<T, V>): Promise<Answer<T>> {
  log.requests++;
  let result: GqlResult<T>;
  try {
    result = await t.gql(request.document, request.variables, request.token, {
      signal: AbortSignal.any([AbortSignal.timeout(request.timeoutMs), request.halt]),
    });
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    const code = request.halt.aborted ? noAnswer.abandoned : timedOut ? noAnswer.timeout : noAnswer.failed;
    count(log.statuses, 'none');
    count(log.codes, code);
    if (timedOut)
      sample(log.timeouts, { operation: request.operation, message: `no answer in ${request.timeoutMs} ms` });
    return { data: undefined, code, retryable: code !== noAnswer.abandoned, retryAfterMs: undefined };
  }
  count(log.statuses, String(result.status));
  for (const error of result.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') {
      count(log.codes, 'NO_CODE');
      sample(log.uncodedErrors, { operation: request.operation, message: error.message });
      continue;
    }
    count(log.codes, code);
    if (code === 'INTERNAL_SERVER_ERROR') {
      sample(log.internalErrors, { operation: request.operation, message: error.message });
    }
  }
  const first = result.errors?.[0];
  const retryAfter = first?.extensions?.retryAfterSeconds;
  return {
    data: result.data ?? undefined,
    code: first ? describe(first) : '',
    retryable: first !== undefined && isRetryable(first, result.status),
    retryAfterMs: typeof retryAfter === 'number' ? retryAfter * 1000 : undefined,
  };
}

type ResultError = NonNullable<GqlResult['errors']>[number];

function describe(error: ResultError): string {
  const { code, field } = error.extensions ?? {};
  if (typeof code !== 'string') return 'NO_CODE';
  return typeof field === 'string' ? `${code}(${field})` : code;
}

/**
 * A client sends a request again when its outcome is unknown (a dependency
 * away, a server error, no answer) or the server says the first request
 * under the key is still running or failed (BAD_USER_INPUT on the key).
 */
function isRetryable(error: ResultError, status: number): boolean {
  const code = error.extensions?.code;
  if (typeof code !== 'string') return status >= 500;
  if (retryableCodes.has(code)) return true;
  return code === 'BAD_USER_INPUT' && error.extensions?.field === 'input.idempotencyKey';
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function sample(samples: ErrorSample[], entry: ErrorSample): void {
  if (samples.length < samplesKept) samples.push(entry);
}
