/**
 * The read side of the bus, shared by both implementations: a message
 * becomes an event only once its envelope, its type and its payload pass the
 * contract's schemas. One that cannot pass is parked (logged, counted, and
 * never redelivered), because no redelivery could ever fix it and retrying
 * it forever would stall or flood its consumer.
 */
import type { z } from 'zod';
import {
  eventEnvelopeSchema,
  eventPayloadSchemas,
  isEventType,
  type BusEvent,
  type EventPayloads,
  type EventType,
} from '../events.js';
import type { Logger } from '../logger.js';
import { handles, type EventConsumer } from './consumer.js';

/** Why a message is not an event: not JSON, no valid envelope, a type the contract lacks, or a bad payload. */
export type MalformedReason = 'json' | 'envelope' | 'type' | 'payload';

/** A message that is not an event of the contract, with what could be read of it. */
export interface MalformedEvent {
  reason: MalformedReason;
  /** The event id, when the message had one. */
  id: string | undefined;
  type: string | undefined;
  /** What is wrong with it (the first few schema issues). */
  problem: string;
}

/** How many messages a bus parked since it started, by reason; each consumer that received one counts it. */
export type MalformedCounts = Readonly<Record<MalformedReason, number>>;

/**
 * What a bus does with a message for one consumer: hand the event over, skip
 * it (a valid event of a type the consumer does not handle, which a wide
 * JetStream filter lets through), or park it.
 */
export type Admission<K extends EventType = EventType> =
  { action: 'deliver'; event: BusEvent<K> } | { action: 'skip' } | { action: 'park'; malformed: MalformedEvent };

// Each schema checked against its own payload type, so one can be picked by a generic type.
const payloadSchemas: { [K in EventType]: z.ZodType<EventPayloads[K]> } = eventPayloadSchemas;
const decoder = new TextDecoder();

/** Reads a message's bytes (JSON) for a consumer. */
export function admitBytes(consumer: EventConsumer, bytes: Uint8Array): Admission {
  let data: unknown;
  try {
    data = JSON.parse(decoder.decode(bytes));
  } catch (err) {
    return park('json', undefined, undefined, err instanceof Error ? err.message : 'not JSON');
  }
  return admit(consumer, data);
}

/** Reads a decoded message for a consumer: the envelope, then the type, then the payload. */
export function admit(consumer: EventConsumer, data: unknown): Admission {
  return read(data, (type) => handles(consumer, type));
}

/** Reads a decoded message as an event of any type (for readers that are not consumers). */
export function parseEvent(data: unknown): Admission {
  return read(data, () => true);
}

function read(data: unknown, wanted: (type: EventType) => boolean): Admission {
  const envelope = eventEnvelopeSchema.safeParse(data);
  if (!envelope.success)
    return park('envelope', stringField(data, 'id'), stringField(data, 'type'), issues(envelope.error));
  const { id, type, occurredAt, payload } = envelope.data;
  if (!isEventType(type)) return park('type', id, type, 'not an event type of the contract');
  // Not this reader's: the payload is none of its business, and checking it would cost a 10,000-seat layout.
  if (!wanted(type)) return { action: 'skip' };
  return admitPayload(type, id, occurredAt, payload);
}

function admitPayload<K extends EventType>(type: K, id: string, occurredAt: string, payload: unknown): Admission<K> {
  const parsed = payloadSchemas[type].safeParse(payload);
  if (!parsed.success) return park('payload', id, type, issues(parsed.error));
  return { action: 'deliver', event: { id, type, occurredAt, payload: parsed.data } };
}

function park(
  reason: MalformedReason,
  id: string | undefined,
  type: string | undefined,
  problem: string,
): { action: 'park'; malformed: MalformedEvent } {
  return { action: 'park', malformed: { reason, id, type, problem } };
}

function issues(error: z.ZodError): string {
  // A 10,000-seat layout can fail 10,000 times over; the first few say enough.
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function stringField(data: unknown, key: 'id' | 'type'): string | undefined {
  if (typeof data !== 'object' || data === null || !(key in data)) return undefined;
  const value: unknown = Reflect.get(data, key);
  return typeof value === 'string' ? value : undefined;
}

/** Logs and counts the messages one bus parks. */
export class ParkedEvents {
  private readonly counts: Record<MalformedReason, number> = { json: 0, envelope: 0, type: 0, payload: 0 };

  constructor(private readonly log: Logger) {}

  /** Records that `consumer` parked a message received on `subject`. */
  record(consumer: string, subject: string, malformed: MalformedEvent): void {
    this.counts[malformed.reason] += 1;
    const { id: eventId, type, reason, problem } = malformed;
    this.log.error({ consumer, subject, eventId, type, reason, problem }, 'malformed event parked');
  }

  snapshot(): MalformedCounts {
    return { ...this.counts };
  }
}
