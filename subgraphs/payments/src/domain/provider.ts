/**
 * The sandbox card processor. Its answer is a pure function of the token, so
 * tests and demos can pick an outcome:
 *
 * - `tok_visa` is charged at once;
 * - `tok_chargeDeclined` is declined with `card_declined`;
 * - `tok_slow` is accepted and settles (succeeds) a moment later;
 * - any other token is not a card the provider knows.
 */
export type ProviderOutcome =
  { status: 'SUCCEEDED' } | { status: 'FAILED'; reason: string } | { status: 'PROCESSING'; settleAfterMs: number };

/** How long an asynchronous (`tok_slow`) charge stays PROCESSING. */
export const slowSettleMs = 1500;

/**
 * Asks the sandbox to charge a card token; null when the token is unknown.
 *
 * @example
 * authorize('tok_chargeDeclined'); // { status: 'FAILED', reason: 'card_declined' }
 */
export function authorize(token: string): ProviderOutcome | null {
  switch (token) {
    case 'tok_visa':
      return { status: 'SUCCEEDED' };
    case 'tok_chargeDeclined':
      return { status: 'FAILED', reason: 'card_declined' };
    case 'tok_slow':
      return { status: 'PROCESSING', settleAfterMs: slowSettleMs };
    default:
      return null;
  }
}
