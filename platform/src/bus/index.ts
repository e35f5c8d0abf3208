import type { Logger } from '../logger.js';
import { MemoryBus } from './memory.js';
import { NatsBus } from './nats.js';
import type { EventBus } from './types.js';

export * from './consumer.js';
export { parseEvent, type MalformedCounts, type MalformedEvent, type MalformedReason } from './inbound.js';
export * from './requests.js';
export * from './types.js';
export { MemoryBus } from './memory.js';
export { NatsBus } from './nats.js';

/** JetStream when a NATS URL is given, the in-process bus otherwise. */
export async function openBus(
  natsUrl: string | undefined,
  prefix: string,
  name: string,
  log: Logger,
): Promise<EventBus> {
  return natsUrl ? NatsBus.connect(natsUrl, prefix, name, log) : new MemoryBus(log);
}
