import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '@seats/platform';
import { createAdmin, createUser, document, modes } from '@seats/testkit';
import { chargeRequest, PaymentsFixture } from './support/payments.js';

interface PaymentView {
  id: string;
  status: string;
  amount: { amount: number; currency: string };
  failureReason: string | null;
  createdAt: string;
}

const paymentEntities = document<
  { _entities: Array<PaymentView | null> },
  { representations: Array<{ __typename: 'Payment'; id: string }> }
>(`query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Payment { id status amount { amount currency } failureReason createdAt }
  }
}`);

describe.each(modes)('Payment entity (%s)', (mode) => {
  let payments: PaymentsFixture;
  const owner = createUser();
  let paymentId: string;

  beforeAll(async () => {
    payments = await PaymentsFixture.start(mode);
    const reply = await payments.charge(chargeRequest({ userId: owner.userId, token: 'tok_chargeDeclined' }));
    if (!reply.ok) throw new Error(reply.error);
    paymentId = reply.paymentId;
  });
  afterAll(() => payments?.dispose());

  const resolve = async (id: string, identity: Identity | null) => {
    const result = await payments.harness.gql(
      paymentEntities,
      { representations: [{ __typename: 'Payment', id }] },
      identity,
    );
    expect(result.errors).toBeUndefined();
    return result.data?._entities[0];
  };

  it('shows a payment to the user who paid', async () => {
    expect(await resolve(paymentId, owner)).toMatchObject({
      id: paymentId,
      status: 'FAILED',
      amount: { amount: 2450, currency: 'EUR' },
      failureReason: 'card_declined',
      createdAt: expect.anything() as unknown,
    });
  });

  it('shows a payment to an admin', async () => {
    expect(await resolve(paymentId, createAdmin())).toMatchObject({ id: paymentId });
  });

  it('hides a payment from other users and anonymous callers', async () => {
    expect(await resolve(paymentId, createUser())).toBeNull();
    expect(await resolve(paymentId, null)).toBeNull();
  });

  it('resolves unknown and malformed ids to null', async () => {
    expect(await resolve(randomUUID(), owner)).toBeNull();
    expect(await resolve('not-an-id', owner)).toBeNull();
  });
});
