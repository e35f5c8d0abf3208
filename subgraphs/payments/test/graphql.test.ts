import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '@seats/platform';
import { paymentsSubgraph } from '../src/index.js';
import { chargeRequest, PaymentsFixture } from './support/instance.js';

// @apollo/subgraph builds its schema with the CommonJS build of graphql; executing it needs the same build.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const entitiesQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Payment { id status amount { amount currency } failureReason createdAt }
  }
}`;

describe('Payment entity', () => {
  let payments: PaymentsFixture;
  let schema: GraphQLSchema;
  const owner: Identity = { userId: randomUUID(), role: 'USER' };
  let paymentId: string;

  beforeAll(async () => {
    payments = await PaymentsFixture.start('pglite');
    const resolvers = payments.instances[0]?.parts.resolvers as never;
    schema = buildSubgraphSchema([{ typeDefs: paymentsSubgraph.typeDefs, resolvers }]);
    const reply = await payments.charge(chargeRequest({ userId: owner.userId, token: 'tok_chargeDeclined' }));
    if (!reply.ok) throw new Error(reply.error);
    paymentId = reply.paymentId;
  });
  afterAll(() => payments?.dispose());

  const resolve = async (id: string, identity: Identity | null) => {
    const result = await graphql({
      schema,
      source: entitiesQuery,
      variableValues: { representations: [{ __typename: 'Payment', id }] },
      contextValue: payments.instances[0]?.context(identity),
    });
    expect(result.errors).toBeUndefined();
    return (result.data as { _entities: unknown[] })._entities[0];
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
    expect(await resolve(paymentId, { userId: randomUUID(), role: 'ADMIN' })).toMatchObject({ id: paymentId });
  });

  it('hides a payment from other users and anonymous callers', async () => {
    expect(await resolve(paymentId, { userId: randomUUID(), role: 'USER' })).toBeNull();
    expect(await resolve(paymentId, null)).toBeNull();
  });

  it('resolves unknown and malformed ids to null', async () => {
    expect(await resolve(randomUUID(), owner)).toBeNull();
    expect(await resolve('not-an-id', owner)).toBeNull();
  });
});
