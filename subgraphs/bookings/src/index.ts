import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@seats/platform';
import { BackOffice } from './back-office.js';
import { BestSeatsService } from './best-available.js';
import { BookingService } from './bookings.js';
import { CheckoutService } from './checkout.js';
import { inventoryConsumer, paymentsConsumer } from './consumers.js';
import type { Context } from './context.js';
import { HoldService } from './holds.js';
import { Lifecycle } from './lifecycle.js';
import { emitSeatMapChanges } from './live.js';
import { createLoaders } from './loaders.js';
import { CheckoutReconciler } from './reconciliation.js';
import { serveRequests } from './responders.js';
import { resolvers } from './resolvers/index.js';
import { SeatCatalog } from './seat-catalog.js';
import { waitlistConsumer, WaitlistService } from './waitlist.js';

/** Seat holds, bookings, seat maps; the event store (outbox) of seat changes. */
export const bookingsSubgraph: SubgraphDefinition<Context> = {
  name: 'bookings',
  typeDefs: parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')),
  migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  async setup({ database, bus, outbox, metrics, config, log }) {
    const db = database.db;
    const catalog = new SeatCatalog();
    const lifecycle = new Lifecycle(outbox);
    const holds = new HoldService(db, outbox, lifecycle, config, log);
    const bestSeats = new BestSeatsService(db, outbox, lifecycle, catalog, config);
    const backOffice = new BackOffice(db, catalog);
    const waitlist = new WaitlistService(db, outbox, lifecycle, catalog, config, log);
    const bookings = new BookingService(db, outbox, bus, lifecycle, log);
    const checkout = new CheckoutService(db, bus, bookings);
    const consumers = [
      await bus.consume(inventoryConsumer(db, outbox, lifecycle)),
      await bus.consume(paymentsConsumer(bookings, log, outbox)),
      await bus.consume(waitlistConsumer(waitlist)),
      ...(await serveRequests(bus, bookings, log)),
    ];
    const sweeper = holds.startSweeper();
    const reconciler = new CheckoutReconciler(db, bus, bookings, lifecycle, metrics, log).start();
    const stopLive = emitSeatMapChanges(outbox, bus, log);
    return {
      resolvers,
      context: (identity) => ({
        identity,
        catalog,
        holds,
        bestSeats,
        backOffice,
        waitlist,
        bookings,
        checkout,
        loaders: createLoaders(db),
      }),
      dispose: async () => {
        stopLive();
        await sweeper.dispose();
        await reconciler.dispose();
        await Promise.all(consumers.map((c) => c.dispose()));
      },
    };
  },
};

export { checkoutRequestHash } from './checkout.js';
