import {
  AckPolicy,
  connect,
  ConsumerEvents,
  DeliverPolicy,
  ErrorCode,
  Events,
  NatsError,
  JSONCodec,
  nanos,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { eventSources, eventSubject, type EventType } from '../events.js';
import type { Logger } from '../logger.js';
import { dispatch, handledTypes, type EventConsumer } from './consumer.js';
import { admitBytes, ParkedEvents, type MalformedCounts } from './inbound.js';
import {
  BusTimeoutError,
  BusUnreachableError,
  eventRetentionMs,
  type Disposable,
  type EventBus,
  type OutboundEvent,
} from './types.js';

/** Request failures after which certainly no responder got the request. */
const unreachedCodes = new Set<string>([ErrorCode.NoResponders, ErrorCode.ConnectionClosed]);
/** A JetStream publish that no stream took (the server has none for the subject). */
const noStream: string = ErrorCode.NoResponders;
/** JetStream's error code for a stream it does not have. */
const streamNotFound = 10059;
const codec = JSONCodec();
const dedupeWindowMs = 120_000;

/** JetStream for events, core NATS for live messages and request/reply. */
export class NatsBus implements EventBus {
  readonly kind = 'nats' as const;
  private readonly consumers = new Set<ConsumerMessages>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly parked: ParkedEvents;
  /** The stream check under way, shared by everyone who needs it meanwhile. */
  private ensuring: Promise<void> | undefined;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly prefix: string,
    private readonly stream: string,
    private readonly log: Logger,
  ) {
    this.parked = new ParkedEvents(log);
    void this.watchStatus();
  }

  /** Connects and makes sure the event stream exists. */
  static async connect(url: string, prefix: string, name: string, log: Logger): Promise<NatsBus> {
    const nc = await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
    const jsm = await nc.jetstreamManager();
    const stream = `${prefix.toUpperCase().replace(/-/g, '_')}_EVENTS`;
    const bus = new NatsBus(nc, nc.jetstream(), jsm, prefix, stream, log);
    await bus.ensureStream(true);
    return bus;
  }

  /**
   * Creates the event stream, or (`update`) brings an existing one to this
   * configuration. Also how the bus comes back when the server lost its
   * data: a publish that finds no stream, or a consumer whose stream or
   * durable consumer is gone, recreates them.
   */
  private ensureStream(update = false): Promise<void> {
    // One at a time: a batch of publishes, or every consumer after a reconnect, may all find it gone at once.
    this.ensuring ??= this.createOrUpdateStream(update).finally(() => {
      this.ensuring = undefined;
    });
    return this.ensuring;
  }

  private async createOrUpdateStream(update: boolean): Promise<void> {
    const config = {
      name: this.stream,
      subjects: [`${this.prefix}.events.>`],
      duplicate_window: nanos(dedupeWindowMs),
      max_age: nanos(eventRetentionMs),
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
    };
    try {
      await this.jsm.streams.info(this.stream);
      if (update) await this.jsm.streams.update(this.stream, config);
    } catch {
      await this.jsm.streams.add(config);
    }
  }

  /** The stream keeps every event until its consumers acknowledge it: nothing to wait for here. */
  onConsumed(): () => void {
    return () => {};
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Disconnect) this.log.warn('NATS connection lost');
      if (status.type !== Events.Reconnect) continue;
      this.log.info('NATS connection back');
      for (const listener of this.reconnectListeners) listener();
    }
  }

  async streamCreatedAt(): Promise<Date> {
    try {
      return new Date((await this.jsm.streams.info(this.stream)).created);
    } catch (err) {
      if (!(err instanceof NatsError && err.api_error?.err_code === streamNotFound)) throw err;
      await this.ensureStream();
      return new Date((await this.jsm.streams.info(this.stream)).created);
    }
  }

  get streamName(): string {
    return this.stream;
  }

  /** The JetStream manager, for tests and tools that inspect the stream. */
  get manager(): JetStreamManager {
    return this.jsm;
  }

  async publish(event: OutboundEvent): Promise<void> {
    const send = () =>
      this.js.publish(`${this.prefix}.${eventSubject(event.type)}`, codec.encode(event), { msgID: event.id });
    try {
      await send();
    } catch (err) {
      // No stream takes the subject (503): the server lost it; recreate it and send once more.
      if (!(err instanceof NatsError && err.code === noStream)) throw err;
      this.log.warn({ stream: this.stream }, 'the event stream is gone; recreating it');
      await this.ensureStream();
      await send();
    }
  }

  async consume(consumer: EventConsumer): Promise<Disposable> {
    await this.addConsumer(consumer);
    const durable = await this.js.consumers.get(this.stream, consumer.durable);
    // Pulls that expire every 5 s: a consumer the server lost is noticed that soon, not after the default 30 s.
    const messages = await durable.consume({ max_messages: 256, expires: 5_000 });
    this.consumers.add(messages);
    void (async () => {
      for await (const message of messages) await this.handle(consumer, message);
    })().catch((err: unknown) => this.log.error({ err, durable: consumer.durable }, 'event consumer stopped'));
    void this.keepConsumer(consumer, messages);
    // A server that comes back may have come back empty: make sure the stream and the durable are there.
    const stopRestoring = this.onReconnect(() => void this.restoreConsumer(consumer));
    return {
      dispose: async () => {
        stopRestoring();
        this.consumers.delete(messages);
        await messages.close();
      },
    };
  }

  private async addConsumer(consumer: EventConsumer): Promise<void> {
    await this.jsm.consumers.add(this.stream, {
      durable_name: consumer.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.filterFor(handledTypes(consumer)),
      ack_wait: nanos(30_000),
      max_deliver: -1,
    });
  }

  /**
   * The pull loop keeps asking for a durable consumer the server no longer
   * has (it lost its data): recreate the stream and the consumer, and the
   * loop picks up from there.
   */
  private async keepConsumer(consumer: EventConsumer, messages: ConsumerMessages): Promise<void> {
    for await (const status of await messages.status()) {
      if (status.type === ConsumerEvents.ConsumerNotFound || status.type === ConsumerEvents.StreamNotFound) {
        await this.restoreConsumer(consumer);
      }
    }
  }

  /** Creates the stream and the durable consumer where they are missing (adding an existing one changes nothing). */
  private async restoreConsumer(consumer: EventConsumer): Promise<void> {
    try {
      await this.ensureStream();
      await this.addConsumer(consumer);
    } catch (err) {
      this.log.warn({ err, durable: consumer.durable }, 'could not restore a durable consumer; will retry');
    }
  }

  malformedEvents(): MalformedCounts {
    return this.parked.snapshot();
  }

  /**
   * One message: a valid event goes to its handler (ack, or nak to redeliver
   * it with backoff when the handler fails); a valid event the consumer does
   * not handle is acked; a malformed one is terminated, so JetStream never
   * redelivers it to this consumer and the messages after it flow on.
   */
  private async handle(consumer: EventConsumer, message: JsMsg): Promise<void> {
    const admission = admitBytes(consumer, message.data);
    if (admission.action === 'park') {
      this.parked.record(consumer.durable, message.subject, admission.malformed);
      // No reason text: servers before 2.10 ignore a `+TERM <reason>` ack and would redeliver the message.
      message.term();
      return;
    }
    if (admission.action === 'skip') return message.ack();
    const { event } = admission;
    try {
      await dispatch(consumer, event);
      message.ack();
    } catch (err) {
      this.log.warn({ err, eventId: event.id, type: event.type }, 'event handler failed; redelivering');
      message.nak(Math.min(200 * message.info.redeliveryCount, 5000));
    }
  }

  async subscribe(subject: string, handler: (data: unknown) => void): Promise<Disposable> {
    const sub = this.nc.subscribe(`${this.prefix}.${subject}`, {
      callback: (err, msg) => {
        if (!err) handler(codec.decode(msg.data));
      },
    });
    // Resolve once the server has the subscription, so nothing published after this is missed.
    await this.nc.flush();
    return { dispose: async () => sub.unsubscribe() };
  }

  async emit(subject: string, data: unknown): Promise<void> {
    this.nc.publish(`${this.prefix}.${subject}`, codec.encode(data));
  }

  async request<T>(subject: string, data: unknown, timeoutMs: number): Promise<T> {
    try {
      const reply = await this.nc.request(`${this.prefix}.${subject}`, codec.encode(data), { timeout: timeoutMs });
      return codec.decode(reply.data) as T;
    } catch (err) {
      this.log.warn({ err, subject }, 'request failed');
      // No responders (503): no subscriber had interest when it was published; a closed connection sent nothing.
      const unreached = err instanceof NatsError && unreachedCodes.has(err.code);
      throw unreached ? new BusUnreachableError(subject) : new BusTimeoutError(subject);
    }
  }

  async reply(subject: string, handler: (data: unknown) => Promise<unknown>): Promise<Disposable> {
    const sub = this.nc.subscribe(`${this.prefix}.${subject}`, {
      queue: subject,
      callback: (err, msg) => {
        if (err) return;
        handler(codec.decode(msg.data)).then(
          (result) => msg.respond(codec.encode(result)),
          (error: unknown) => this.log.error({ err: error, subject }, 'reply handler failed'),
        );
      },
    });
    return { dispose: async () => sub.unsubscribe() };
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.nc.flush(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('NATS did not answer')), 2000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async dispose(): Promise<void> {
    for (const messages of this.consumers) await messages.close();
    this.consumers.clear();
    if (!this.nc.isClosed()) await this.nc.drain();
  }

  /** One filter subject (servers before 2.10 take only one): the narrowest that covers the types. */
  private filterFor(types: EventType[]): string {
    const sources = new Set(types.map((t) => eventSources[t]));
    if (types.length === 1) return `${this.prefix}.${eventSubject(types[0]!)}`;
    if (sources.size === 1) return `${this.prefix}.events.${[...sources][0]}.>`;
    return `${this.prefix}.events.>`;
  }
}
