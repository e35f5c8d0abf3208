import { connect, JSONCodec } from 'nats';
import type { BusEvent } from '@seats/platform';

export interface StreamEntry {
  seq: number;
  /** The event id inside the message. */
  eventId: string;
  /** The Nats-Msg-Id header the relay set. */
  msgId: string | undefined;
}

/** Reads every message of a JetStream stream, by sequence, from its own connection. */
export async function readStream(natsUrl: string, stream: string): Promise<StreamEntry[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    const { state } = await jsm.streams.info(stream);
    const entries: StreamEntry[] = [];
    const codec = JSONCodec<BusEvent>();
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      entries.push({ seq, eventId: codec.decode(message.data).id, msgId: message.header?.get('Nats-Msg-Id') });
    }
    return entries;
  } finally {
    await nc.close();
  }
}
