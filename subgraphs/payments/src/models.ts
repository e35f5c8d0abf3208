/** What the services and resolvers hand around. */

export type PaymentStatus = 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';

/** A payment intent as stored; also what the `Payment` resolvers receive. */
export interface PaymentModel {
  id: string;
  idempotencyKey: string;
  /** The caller's hash of its request: another request under the same key is a conflict. */
  requestHash: string;
  bookingId: string;
  userId: string;
  /** Minor units. */
  amount: number;
  currency: string;
  token: string;
  status: PaymentStatus;
  failureReason: string | null;
  /** When a PROCESSING intent settles. */
  settleAt: Date | null;
  /** A refund asked for while PROCESSING: issued the moment it settles. */
  refundRequested: boolean;
  refundReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored refund (at most one, full, per payment). */
export interface RefundModel {
  id: string;
  paymentId: string;
  amount: number;
  currency: string;
  reason: string;
  createdAt: Date;
}
