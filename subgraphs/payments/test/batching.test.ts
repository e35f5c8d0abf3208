import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '@seats/platform';
import { countQueries, createAdmin, createUser, document, modes } from '@seats/testkit';
import { chargeRequest, PaymentsFixture } from './support/payments.js';

const paymentEntities = document<
  { _entities: Array<{ id: string; status: string; amount: { amount: number } } | null> },
  { reps: Array<{ __typename: 'Payment'; id: string }> }
>('query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Payment { id status amount { amount } } } }');

/**
 * One `_entities` call with N Payment references costs the same number of
 * statements as with one; who may see each payment is still decided per
 * payment.
 */
describe.each(modes)('payment references batched per request (%s)', (mode) => {
  let payments: PaymentsFixture;
  const owner = createUser();
  const stranger = createUser();
  const owned: string[] = [];
  let strangers: string;

  const charge = async (userId: string, amount: number) => {
    const reply = await payments.charge(chargeRequest({ userId, amount: { amount, currency: 'EUR' } }));
    if (!reply.ok) throw new Error(reply.error);
    return reply.paymentId;
  };

  beforeAll(async () => {
    payments = await PaymentsFixture.start(mode);
    for (const amount of [1000, 2000, 3000]) owned.push(await charge(owner.userId, amount));
    strangers = await charge(stranger.userId, 4000);
  });
  afterAll(() => payments?.dispose());

  const resolve = async (ids: readonly string[], identity: Identity) => {
    const reps = ids.map((id) => ({ __typename: 'Payment' as const, id }));
    const { result, queries } = await countQueries(() => payments.harness.gql(paymentEntities, { reps }, identity));
    expect(result.errors).toBeUndefined();
    return { entities: result.data?._entities ?? [], statements: queries.length };
  };

  it("resolves N of the owner's payments in one statement, as one, and hides another user's", async () => {
    const one = await resolve([owned[0]!], owner);
    const many = await resolve([...owned.map((id) => id.toUpperCase()), strangers, randomUUID(), 'not-an-id'], owner);
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(one.statements);
    expect(many.entities.map((p) => p?.id ?? null)).toEqual([...owned, null, null, null]);
    expect(many.entities.map((p) => p?.amount.amount ?? null)).toEqual([1000, 2000, 3000, null, null, null]);
  });

  it('shows an admin every payment of N in as many statements as one', async () => {
    const admin = createAdmin();
    const one = await resolve([strangers], admin);
    const many = await resolve([...owned, strangers], admin);
    expect(many.statements).toBe(one.statements);
    expect(many.entities.map((p) => p?.id)).toEqual([...owned, strangers]);
  });
});
