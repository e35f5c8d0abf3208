import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@seats/platform';
import { ChargeService } from './charge.js';
import type { Context } from './context.js';
import { bookingEndingsConsumer, serveRequests } from './handlers.js';
import { RefundService } from './refund.js';
import { PaymentsRepository } from './repository.js';
import { resolvers } from './resolvers/index.js';
import { SettleWorker } from './settle-worker.js';

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
    const { bus, outbox, log } = runtime;
    const payments = new PaymentsRepository(runtime.database.db);
    const charges = new ChargeService(payments, outbox);
    const refunds = new RefundService(payments, outbox);
    const settler = new SettleWorker(payments, refunds, outbox, log);
    const disposables = [
      ...(await serveRequests(bus, { charges, refunds }, log)),
      await bus.consume(bookingEndingsConsumer(refunds, log)),
    ];
    settler.start();
    return {
      resolvers,
      context: (identity) => ({ identity, payments }),
      async dispose() {
        for (const d of disposables) await d.dispose();
        await settler.dispose();
      },
    };
  },
};
