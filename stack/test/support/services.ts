import { connect } from 'nats';
import postgres from 'postgres';

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
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  const name = `seats_test_${tag}`;
  await admin.unsafe(`create database ${name}`);
  const databaseUrl = new URL(testDatabaseUrl);
  databaseUrl.pathname = `/${name}`;
  return {
    databaseUrl: databaseUrl.toString(),
    natsUrl,
    dispose: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      const nc = await connect({ servers: natsUrl });
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(`T${tag.toUpperCase()}_EVENTS`).catch(() => false);
      await nc.close();
    },
  };
}
