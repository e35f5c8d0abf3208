import { connect } from 'nats';
import { scratchDatabase } from '@seats/testkit';

export interface Services {
  databaseUrl: string;
  natsUrl: string;
  dispose(): Promise<void>;
}

/** A private database and bus prefix for one test stack, removed afterwards. */
export async function createServices(
  tag: string,
  testDatabaseUrl: string | undefined,
  natsUrl: string | undefined,
): Promise<Services> {
  if (!testDatabaseUrl || !natsUrl) throw new Error('services mode needs TEST_DATABASE_URL and TEST_NATS_URL');
  const database = await scratchDatabase(`seats_test_${tag}`, testDatabaseUrl);
  return {
    databaseUrl: database.url,
    natsUrl,
    dispose: async () => {
      await database.dispose();
      const nc = await connect({ servers: natsUrl });
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(`T${tag.toUpperCase()}_EVENTS`).catch(() => false);
      await nc.close();
    },
  };
}
