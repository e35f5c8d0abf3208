import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@seats/platform';
import { notifierConsumer, notifyOnce } from './consumers.js';
import type { Context } from './context.js';
import { createLoaders } from './loaders.js';
import { defaultDeliveryOptions, Delivery, type DeliveryOptions } from './delivery.js';
import { smtpMailer } from './mailer.js';
import { NotificationService } from './notifications.js';
import { NotificationReconciler } from './reconciliation.js';
import { resolvers } from './resolvers/index.js';

/**
 * The notifications subgraph, with its sender's timings (tests shorten them).
 * It reacts to booking and payment events, stores one notification per user
 * and event, and mails it when SMTP is configured.
 */
export function createNotificationsSubgraph(
  deliveryOptions: DeliveryOptions = defaultDeliveryOptions,
): SubgraphDefinition<Context> {
  return {
    name: 'notifications',
    typeDefs: parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')),
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
    async setup(runtime) {
      const { config, metrics, log } = runtime;
      const { db } = runtime.database;
      const delivery = config.smtpUrl
        ? new Delivery(db, smtpMailer(config.smtpUrl, config.mailFrom), log, deliveryOptions)
        : null;
      const notifications = new NotificationService(delivery);
      const consumer = await runtime.bus.consume(notifierConsumer(db, notifications));
      const sender = delivery?.startSender();
      const reconciler = new NotificationReconciler(
        db,
        runtime.bus,
        notifyOnce(db, notifications),
        metrics,
        log,
      ).start();
      return {
        resolvers,
        context: (identity) => ({ identity, notifications, loaders: createLoaders(db) }),
        async dispose() {
          await consumer.dispose();
          await reconciler.dispose();
          await sender?.dispose();
          await delivery?.dispose();
        },
      };
    },
  };
}

export const notificationsSubgraph = createNotificationsSubgraph();
