/**
 * A graphql-ws client for the live suites: connects to a gateway's
 * /graphql over WebSocket, subscribes, and collects what arrives.
 */
import type { FormattedExecutionResult } from 'graphql';

type ExecutionResult<T> = FormattedExecutionResult<T, unknown>;
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from './harness.js';

export interface Watch<T> {
  /** Every `next` payload so far, in arrival order. */
  readonly results: Array<ExecutionResult<T>>;
  /** Errors the subscription ended with (an `error` message), if any. */
  readonly errors: unknown[] | undefined;
  /** Resolves once the server sent `complete` or `error`. */
  readonly ended: Promise<void>;
  /** Waits until at least `count` results arrived and returns them. */
  until(count: number, timeoutMs?: number): Promise<Array<ExecutionResult<T>>>;
  stop(): void;
}

export interface LiveClient {
  readonly client: Client;
  /** Close events seen by the socket (code and reason). */
  readonly closes: Array<{ code: number; reason: string }>;
  subscribe<T = unknown>(query: string, variables?: Record<string, unknown>): Watch<T>;
  dispose(): Promise<void>;
}

export interface LiveClientOptions {
  /** connection_init payload, e.g. { authorization: 'Bearer …' }. */
  params?: Record<string, unknown>;
  /** Sent as the Origin header. */
  origin?: string;
  /** Reconnect after a drop (default: no retries). */
  retryAttempts?: number;
}

export function wsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/graphql`;
}

export function connectLive(baseUrl: string, options: LiveClientOptions = {}): LiveClient {
  const closes: Array<{ code: number; reason: string }> = [];
  const origin = options.origin;
  class OriginSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, origin ? { origin } : {});
    }
  }
  const client = createClient({
    url: wsUrl(baseUrl),
    webSocketImpl: OriginSocket,
    connectionParams: options.params,
    retryAttempts: options.retryAttempts ?? 0,
    retryWait: async () => new Promise((resolve) => setTimeout(resolve, 200)),
    shouldRetry: () => (options.retryAttempts ?? 0) > 0,
    lazy: false,
    onNonLazyError: () => {},
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string | Buffer };
        closes.push({ code: e.code, reason: String(e.reason) });
      },
    },
  });
  return {
    client,
    closes,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}): Watch<T> {
      const results: Array<ExecutionResult<T>> = [];
      let errors: unknown[] | undefined;
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      const stop = client.subscribe<T>(
        { query, variables },
        {
          next: (value) => void results.push(value),
          error: (err) => {
            errors = Array.isArray(err) ? err : [err];
            end();
          },
          complete: () => end(),
        },
      );
      return {
        results,
        get errors() {
          return errors;
        },
        ended,
        until: (count, timeoutMs = 10_000) =>
          waitFor(async () => (results.length >= count ? results : undefined), timeoutMs, 20),
        stop,
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** One of the gateway's metrics, read from its /metrics: a name, with its labels if it has any. */
export async function gatewayMetric(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no metric ${name}`);
  return Number(line.split(' ')[1]);
}
