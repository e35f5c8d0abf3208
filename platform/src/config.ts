import path from 'node:path';
import { defaultPorts, subgraphNames, type SubgraphName } from './subgraph-names.js';

export { defaultPorts, subgraphNames, type SubgraphName };

/**
 * The one place that reads the environment. Every variable is parsed and
 * validated at start; all problems are reported at once.
 */
export interface PlatformConfig {
  env: 'development' | 'production';
  host: string;
  logLevel: string;
  dataDir: string;
  keysDir: string;
  /** Shared Postgres URL; undefined means embedded PGlite. */
  databaseUrl: string | undefined;
  databaseUrls: Partial<Record<SubgraphName, string>>;
  /** Postgres connections per subgraph per process (services mode). */
  databasePoolSize: number;
  natsUrl: string | undefined;
  /** Prefix of every NATS subject and of the JetStream stream name. */
  busPrefix: string;
  ports: Record<SubgraphName | 'gateway', number>;
  subgraphUrls: Record<SubgraphName, string>;
  holdTtlSeconds: number;
  /** How long seats offered to the next on a waiting list stay held for them. */
  waitlistOfferSeconds: number;
  maxSeatsPerHold: number;
  maxHoldsPerUserPerShow: number;
  sweepIntervalMs: number;
  accessTokenTtlSeconds: number;
  refreshTokenIdleSeconds: number;
  refreshTokenAbsoluteSeconds: number;
  tokenIssuer: string;
  tokenAudience: string;
  accessTokenKeys: string | undefined;
  gatewayTokenKeys: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  seed: 'auto' | 'never';
  /** Which parts `pnpm start` runs in this process. */
  services: ReadonlyArray<SubgraphName | 'gateway'>;
  /** Serve GraphiQL at /graphiql (default: on in development, off in production). */
  graphiqlEnabled: boolean;
  /** Identical anonymous queries (and identical subgraph queries) in flight share one execution (default: on). */
  shareInflight: boolean;
  /** Serve the live seat-map page at /seatmap/<showId> (default: on). */
  seatMapPageEnabled: boolean;
  /** Answer introspection queries (default: on in development, off in production). */
  introspectionEnabled: boolean;
  /** What the gateway accepts from a client: body size and document shape. */
  requestLimits: RequestLimits;
  /** How many proxies in front of the gateway append to X-Forwarded-For (0: use the peer address). */
  trustProxyHops: number;
  /** Per-operation rate limits at the gateway; null switches one off. */
  rateLimits: RateLimits;
  /** graphql-ws on the gateway's /graphql: who may connect and how much they may hold. */
  subscriptions: SubscriptionLimits;
}

/** Limits of the gateway's WebSocket endpoint. */
export interface SubscriptionLimits {
  /** Browser origins besides the gateway's own that may open a WebSocket (exact `scheme://host[:port]`). */
  allowedOrigins: string[];
  maxConnections: number;
  maxConnectionsPerIp: number;
  maxConnectionsPerUser: number;
  maxSubscriptionsPerConnection: number;
  /** Largest message a client may send; larger ones close the socket (1009). */
  maxMessageBytes: number;
  /** How long a socket may stay open without connection_init (then 4408). */
  initTimeoutMs: number;
  /** Ping interval; a socket that does not answer a ping within it is dropped. */
  keepAliveMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly source: Env) {}

  str(name: string, fallback: string): string {
    const value = this.source[name]?.trim();
    return value ? value : fallback;
  }

  optional(name: string): string | undefined {
    const value = this.source[name]?.trim();
    return value ? value : undefined;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
      return fallback;
    }
    return value;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
      return undefined;
    }
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }
}

const pgProtocols = ['postgres:', 'postgresql:'];

function readServices(r: Reader): Array<SubgraphName | 'gateway'> {
  const raw = r.str('SERVICES', 'all');
  if (raw === 'all') return ['gateway', ...subgraphNames];
  const names = raw.split(',').map((s) => s.trim());
  const known: string[] = ['gateway', ...subgraphNames];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) r.problems.push(`SERVICES has unknown names: ${unknown.join(', ')}`);
  return names.filter((n) => known.includes(n)) as Array<SubgraphName | 'gateway'>;
}

/** Parses the whole configuration; throws ConfigError listing every problem. */
export function loadConfig(source: Env): PlatformConfig {
  const r = new Reader(source);
  const dataDir = path.resolve(r.str('DATA_DIR', '.data'));
  const host = r.str('HOST', '127.0.0.1');
  const ports = {
    gateway: r.int('GATEWAY_PORT', defaultPorts.gateway, 0, 65535),
  } as Record<SubgraphName | 'gateway', number>;
  const databaseUrls: Partial<Record<SubgraphName, string>> = {};
  const subgraphUrls = {} as Record<SubgraphName, string>;
  for (const name of subgraphNames) {
    const upper = name.toUpperCase();
    ports[name] = r.int(`${upper}_PORT`, defaultPorts[name], 0, 65535);
    const dbUrl = r.url(`${upper}_DATABASE_URL`, pgProtocols);
    if (dbUrl) databaseUrls[name] = dbUrl;
    subgraphUrls[name] = r.url(`${upper}_URL`, ['http:', 'https:']) ?? `http://127.0.0.1:${ports[name]}/graphql`;
  }
  const config: PlatformConfig = {
    env: r.oneOf('NODE_ENV', ['development', 'production'] as const, 'development'),
    host,
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    dataDir,
    keysDir: path.resolve(r.str('KEYS_DIR', path.join(dataDir, 'keys'))),
    databaseUrl: r.url('DATABASE_URL', pgProtocols),
    databaseUrls,
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
    natsUrl: r.url('NATS_URL', ['nats:', 'tls:', 'ws:', 'wss:']),
    busPrefix: r.str('BUS_PREFIX', 'seats'),
    ports,
    subgraphUrls,
    holdTtlSeconds: r.int('HOLD_TTL_SECONDS', 600, 1, 86_400),
    waitlistOfferSeconds: r.int('WAITLIST_OFFER_SECONDS', 900, 1, 86_400),
    maxSeatsPerHold: r.int('MAX_SEATS_PER_HOLD', 10, 1, 1000),
    maxHoldsPerUserPerShow: r.int('MAX_HOLDS_PER_USER_PER_SHOW', 3, 1, 100),
    sweepIntervalMs: r.int('SWEEP_INTERVAL_MS', 250, 10, 60_000),
    accessTokenTtlSeconds: r.int('ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86_400),
    refreshTokenIdleSeconds: r.int('REFRESH_TOKEN_IDLE_SECONDS', 7 * 86_400, 60, 365 * 86_400),
    refreshTokenAbsoluteSeconds: r.int('REFRESH_TOKEN_ABSOLUTE_SECONDS', 30 * 86_400, 60, 365 * 86_400),
    tokenIssuer: r.str('TOKEN_ISSUER', 'urn:seats:users'),
    tokenAudience: r.str('TOKEN_AUDIENCE', 'urn:seats:api'),
    accessTokenKeys: r.optional('ACCESS_TOKEN_KEYS'),
    gatewayTokenKeys: r.optional('GATEWAY_TOKEN_KEYS'),
    adminEmail: r.optional('ADMIN_EMAIL'),
    adminPassword: r.optional('ADMIN_PASSWORD'),
    smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: r.str('MAIL_FROM', 'Seats <no-reply@seats.local>'),
    seed: r.oneOf('SEED', ['auto', 'never'] as const, 'auto'),
    services: readServices(r),
    ...readGatewaySecurity(r, source),
  };
  if (/[^A-Za-z0-9_-]/.test(config.busPrefix)) r.problems.push('BUS_PREFIX may hold only letters, digits, _ and -');
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** The database URL a subgraph uses, or undefined for embedded PGlite. */
export function databaseUrlFor(config: PlatformConfig, name: SubgraphName): string | undefined {
  return config.databaseUrls[name] ?? config.databaseUrl;
}

/** Limits on a client request at the gateway (graphql-armor and the HTTP body). */
export interface RequestLimits {
  maxBodyBytes: number;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
}

/** At most `limit` calls in each fixed window of `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** The rate-limited mutations: sign-in ones per client IP, seat ones per user. */
export const rateLimitedOperations = [
  'login',
  'register',
  'refreshSession',
  'lockSeats',
  'lockBestSeats',
  'checkout',
] as const;
export type RateLimitedOperation = (typeof rateLimitedOperations)[number];
export type RateLimits = Record<RateLimitedOperation, RateLimit | null>;

const defaultRateLimits: Record<RateLimitedOperation, string> = {
  login: '10/60',
  register: '30/600',
  refreshSession: '30/60',
  lockSeats: '30/10',
  lockBestSeats: '30/10',
  checkout: '30/10',
};

/** `RATE_LIMIT_LOCK_SEATS` for `lockSeats`, and so on. */
export const rateLimitVariable = (operation: RateLimitedOperation) =>
  `RATE_LIMIT_${operation.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

function readBool(r: Reader, name: string, fallback: boolean): boolean {
  const raw = r.optional(name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  r.problems.push(`${name} must be true or false, got "${raw}"`);
  return fallback;
}

/** A comma-separated list of origins, each normalised to `scheme://host[:port]`. */
function readOrigins(r: Reader, name: string): string[] {
  const raw = r.optional(name);
  if (!raw) return [];
  return raw.split(',').flatMap((entry) => {
    const value = entry.trim();
    try {
      const url = new URL(value);
      if (!['http:', 'https:'].includes(url.protocol) || url.origin !== value.replace(/\/$/, '')) throw new Error();
      return [url.origin];
    } catch {
      r.problems.push(`${name} must list origins like https://tickets.example.com, got "${value}"`);
      return [];
    }
  });
}

/** Reads `<limit>/<windowSeconds>` (e.g. `10/60`) or `off`. */
function readRateLimit(r: Reader, name: string, fallback: string): RateLimit | null {
  const raw = r.str(name, fallback);
  if (raw.toLowerCase() === 'off') return null;
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  const limit = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (!match || limit < 1 || limit > 1_000_000 || windowSeconds < 1 || windowSeconds > 86_400) {
    r.problems.push(`${name} must be "<limit>/<seconds>" (1-1000000 calls per 1-86400 s) or "off", got "${raw}"`);
    return null;
  }
  return { limit, windowSeconds };
}

/** The gateway's protections; development and production differ only in their defaults. */
function readGatewaySecurity(
  r: Reader,
  source: Env,
): Pick<
  PlatformConfig,
  | 'graphiqlEnabled'
  | 'seatMapPageEnabled'
  | 'shareInflight'
  | 'introspectionEnabled'
  | 'requestLimits'
  | 'trustProxyHops'
  | 'rateLimits'
  | 'subscriptions'
> {
  const development = source.NODE_ENV?.trim() !== 'production';
  const rateLimits = {} as RateLimits;
  for (const operation of rateLimitedOperations) {
    rateLimits[operation] = readRateLimit(r, rateLimitVariable(operation), defaultRateLimits[operation]);
  }
  return {
    graphiqlEnabled: readBool(r, 'GRAPHIQL_ENABLED', development),
    seatMapPageEnabled: readBool(r, 'SEATMAP_PAGE_ENABLED', true),
    shareInflight: readBool(r, 'GATEWAY_SHARE_INFLIGHT', true),
    introspectionEnabled: readBool(r, 'INTROSPECTION_ENABLED', development),
    requestLimits: {
      maxBodyBytes: r.int('MAX_BODY_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
      maxDepth: r.int('MAX_QUERY_DEPTH', 10, 1, 100),
      maxAliases: r.int('MAX_QUERY_ALIASES', 15, 0, 1000),
      maxTokens: r.int('MAX_QUERY_TOKENS', 1000, 10, 100_000),
      maxCost: r.int('MAX_QUERY_COST', 5000, 1, 10_000_000),
      maxDirectives: r.int('MAX_QUERY_DIRECTIVES', 20, 0, 1000),
    },
    trustProxyHops: r.int('TRUST_PROXY_HOPS', 0, 0, 10),
    rateLimits,
    subscriptions: {
      allowedOrigins: readOrigins(r, 'ALLOWED_ORIGINS'),
      maxConnections: r.int('WS_MAX_CONNECTIONS', 100_000, 1, 10_000_000),
      maxConnectionsPerIp: r.int('WS_MAX_CONNECTIONS_PER_IP', 50, 1, 1_000_000),
      maxConnectionsPerUser: r.int('WS_MAX_CONNECTIONS_PER_USER', 10, 1, 1_000_000),
      maxSubscriptionsPerConnection: r.int('WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 10_000),
      maxMessageBytes: r.int('WS_MAX_MESSAGE_BYTES', 16 * 1024, 1024, 1024 * 1024),
      initTimeoutMs: r.int('WS_INIT_TIMEOUT_MS', 5_000, 100, 120_000),
      keepAliveMs: r.int('WS_KEEPALIVE_MS', 15_000, 0, 600_000),
    },
  };
}
