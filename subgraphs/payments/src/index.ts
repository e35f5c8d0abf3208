import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@seats/platform';
import { bookingEndingsConsumer } from './consumers.js';
import type { Context } from './context.js';
import { createLoaders } from './loaders.js';
import { PaymentService } from './payments.js';
import { PaymentReconciler } from './reconciliation.js';
import { RefundService } from './refunds.js';
import { resolvers } from './resolvers/index.js';
import { serveRequests } from './responders.js';
import { SettlementService } from './settlement.js';

/**
 * Payment intents with idempotency keys, a sandbox provider and refunds.
 * Bookings talks to it over bus request/reply (charge, refund); it answers
 * with events (PaymentSucceeded, PaymentFailed, RefundIssued).
 */
export const paymentsSubgraph: SubgraphDefinition<Context> = {
  name: 'payments',
  typeDefs: parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')),
  migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  async setup(runtime) {
    const { bus, outbox, metrics, log } = runtime;
    const { db } = runtime.database;
    const payments = new PaymentService(db, outbox);
    const refunds = new RefundService(db, outbox);
    const settlement = new SettlementService(db, outbox, refunds, log);
    const disposables = [
      ...(await serveRequests(bus, { payments, refunds }, log)),
      await bus.consume(bookingEndingsConsumer(db, outbox, refunds, log)),
    ];
    const settler = settlement.startSettler();
    const reconciler = new PaymentReconciler(db, bus, refunds, metrics, log).start();
    return {
      resolvers,
      context: (identity) => ({ identity, payments, loaders: createLoaders(db) }),
      async dispose() {
        for (const d of disposables) await d.dispose();
        await settler.dispose();
        await reconciler.dispose();
      },
    };
  },
};
