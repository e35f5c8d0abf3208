/**
 * docker-compose.yml and the Dockerfile cannot be run where the tests run, so
 * these tests hold them to the code instead: service names, ports, URLs and
 * every environment variable must be ones the platform knows and accepts.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultPorts, loadConfig, subgraphNames, type SubgraphName } from '@seats/platform';

type AppName = SubgraphName | 'gateway';
type Env = Record<string, string>;

interface ComposeService {
  image?: string;
  build?: string | { context?: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const root = new URL('../../', import.meta.url);
const readText = (file: string) => fs.readFileSync(new URL(file, root), 'utf8');
const compose = parse(readText('docker-compose.yml'), { merge: true }) as ComposeFile;
const appNames: AppName[] = ['gateway', ...subgraphNames];

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** The service's environment as written, in either of compose's two forms. */
function rawEnv(name: string): Env {
  const env = service(name).environment ?? {};
  const pairs = Array.isArray(env)
    ? env.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(pairs) as Env;
}

/** What the container sees when nothing overrides the `${VAR:-default}` defaults. */
function containerEnv(name: string): Env {
  const withDefaults = Object.entries(rawEnv(name)).map(([key, value]) => [
    key,
    value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:-([^}]*)\}/g, (_, fallback: string) => fallback),
  ]);
  return Object.fromEntries(withDefaults) as Env;
}

/** Every variable name loadConfig looks at, found by watching it read. */
function variablesLoadConfigReads(): Set<string> {
  const seen = new Set<string>();
  const env: Record<string, string | undefined> = new Proxy(
    {},
    {
      get: (_, key) => {
        seen.add(String(key));
        return undefined;
      },
    },
  );
  loadConfig(env);
  return seen;
}

function dependencies(name: string): Record<string, string | undefined> {
  const deps = service(name).depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((dep) => [dep, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([dep, spec]) => [dep, spec.condition]));
}

/** [host port, container port] of each `[ip:]host:container` mapping. */
function publishedPorts(name: string): Array<[number, number]> {
  return (service(name).ports ?? []).map((mapping) => {
    const parts = String(mapping).split(':');
    return [Number(parts.at(-2)), Number(parts.at(-1))];
  });
}

function healthcheckCommand(name: string): string {
  const test = service(name).healthcheck?.test ?? [];
  return Array.isArray(test) ? test.join(' ') : test;
}

/** The workspace package folders that pnpm-workspace.yaml names (`dir` or `dir/*`). */
function workspacePackages(): string[] {
  const { packages } = parse(readText('pnpm-workspace.yaml')) as { packages: string[] };
  const dirs = packages.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? fs.readdirSync(new URL(pattern.slice(0, -1), root)).map((dir) => pattern.slice(0, -1) + dir)
      : [pattern],
  );
  return dirs.filter((dir) => fs.existsSync(new URL(`${dir}/package.json`, root)));
}

describe('docker-compose.yml', () => {
  it('runs exactly Postgres, NATS, the gateway and one service per subgraph', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['nats', 'postgres', ...appNames].sort());
  });

  it('gives every ${VAR} a default so it starts without an .env file', () => {
    for (const name of appNames) {
      for (const value of Object.values(containerEnv(name))) expect(value).not.toContain('$');
    }
  });

  it('points DATABASE_URL and NATS_URL at the postgres and nats services with their credentials', () => {
    const postgres = containerEnv('postgres');
    for (const name of appNames) {
      const db = new URL(containerEnv(name).DATABASE_URL ?? '');
      expect([db.hostname, db.port, db.username, db.password, db.pathname]).toEqual([
        'postgres',
        '5432',
        postgres.POSTGRES_USER ?? 'postgres',
        postgres.POSTGRES_PASSWORD,
        `/${postgres.POSTGRES_DB ?? postgres.POSTGRES_USER ?? 'postgres'}`,
      ]);
      const nats = new URL(containerEnv(name).NATS_URL ?? '');
      expect([nats.protocol, nats.hostname, nats.port]).toEqual(['nats:', 'nats', '4222']);
    }
  });

  it('reports Postgres healthy through pg_isready and keeps its data in a volume', () => {
    expect(healthcheckCommand('postgres')).toContain('pg_isready');
    expect(service('postgres').volumes).toContain('postgres:/var/lib/postgresql/data');
  });

  it('runs NATS with JetStream on a volume and reports it healthy through /healthz', () => {
    expect(service('nats').command).toEqual(['-js', '-sd', '/data', '-m', '8222']);
    expect(service('nats').volumes).toContain('nats:/data');
    expect(healthcheckCommand('nats')).toContain('http://127.0.0.1:8222/healthz');
  });

  it('declares the named volumes the services mount', () => {
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(['keys', 'nats', 'postgres']);
  });

  describe.each(appNames)('the %s service', (name) => {
    const port = defaultPorts[name];

    it('is built from the Dockerfile and shares the signing keys volume at KEYS_DIR', () => {
      const build = service(name).build;
      expect(typeof build === 'string' ? build : build?.context).toBe('.');
      expect(service(name).volumes).toContain('keys:/keys');
      expect(containerEnv(name).KEYS_DIR).toBe('/keys');
    });

    it('sets only variables that loadConfig reads', () => {
      const known = variablesLoadConfigReads();
      const unknown = Object.keys(rawEnv(name)).filter((key) => !known.has(key));
      expect(unknown).toEqual([]);
    });

    it('runs only its own part, on Postgres and NATS, listening on all interfaces', () => {
      expect(containerEnv(name).SERVICES).toBe(name);
      const config = loadConfig(containerEnv(name));
      expect(config.services).toEqual([name]);
      expect(config.databaseUrl).toBeDefined();
      expect(config.natsUrl).toBeDefined();
      expect([config.host, config.env, config.keysDir]).toEqual(['0.0.0.0', 'production', '/keys']);
    });

    it('listens on its default port and publishes that container port', () => {
      expect(containerEnv(name)[`${name.toUpperCase()}_PORT`]).toBe(String(port));
      expect(loadConfig(containerEnv(name)).ports[name]).toBe(port);
      expect(publishedPorts(name)).toEqual([[port, port]]);
    });

    it('is healthy only when its own /readyz answers', () => {
      const test = service(name).healthcheck?.test ?? [];
      expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
      expect(healthcheckCommand(name)).toContain(`fetch('http://127.0.0.1:${port}/readyz')`);
    });

    it('starts once Postgres and NATS are healthy', () => {
      expect(dependencies(name)).toMatchObject({ postgres: 'service_healthy', nats: 'service_healthy' });
    });
  });

  it('lets the gateway reach every subgraph by its service name and default port', () => {
    const env = containerEnv('gateway');
    const config = loadConfig(env);
    for (const name of subgraphNames) {
      const url = `http://${name}:${defaultPorts[name]}/graphql`;
      expect(env[`${name.toUpperCase()}_URL`]).toBe(url);
      expect(config.subgraphUrls[name]).toBe(url);
    }
  });

  it('starts the gateway once every subgraph is healthy', () => {
    const wanted = Object.fromEntries(subgraphNames.map((name) => [name, 'service_healthy']));
    expect(dependencies('gateway')).toMatchObject(wanted);
  });

  it.each(['users', 'gateway'])('gives %s the admin credentials', (name) => {
    const config = loadConfig(containerEnv(name));
    expect(config.adminEmail).toMatch(/@/);
    expect(config.adminPassword?.length).toBeGreaterThanOrEqual(10);
  });
});

describe('Dockerfile', () => {
  const instructions = readText('Dockerfile')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const install = instructions.findIndex((line) => /^RUN .*pnpm install/.test(line));

  it('installs exactly what the lockfile pins', () => {
    expect(instructions[install]).toContain('--frozen-lockfile');
  });

  it('copies every workspace manifest before installing and the sources after', () => {
    const copied = instructions
      .slice(0, install)
      .filter((line) => line.startsWith('COPY '))
      .flatMap((line) =>
        line
          .split(/\s+/)
          .slice(1, -1)
          .filter((part) => !part.startsWith('--')),
      );
    const manifests = workspacePackages().map((dir) => `${dir}/package.json`);
    expect(copied).toEqual(
      expect.arrayContaining(['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', ...manifests]),
    );
    // A patched dependency's patch must be there when the install applies it.
    const { patchedDependencies = {} } = parse(readText('pnpm-workspace.yaml')) as {
      patchedDependencies?: Record<string, string>;
    };
    for (const patch of Object.values(patchedDependencies)) {
      expect(copied.some((source) => patch === source || patch.startsWith(`${source.replace(/\/$/, '')}/`))).toBe(true);
    }
    expect(instructions.slice(install + 1)).toContainEqual(expect.stringMatching(/^COPY (--chown=\S+ )?\. \.$/));
  });

  it('runs `pnpm start` as the unprivileged node user', () => {
    const cmd = instructions.filter((line) => line.startsWith('CMD ')).at(-1) ?? '';
    expect(JSON.parse(cmd.slice(4))).toEqual(['pnpm', 'start']);
    expect(instructions.filter((line) => line.startsWith('USER ')).at(-1)).toBe('USER node');
    const pkg = JSON.parse(readText('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBeDefined();
  });

  it('keeps node_modules, local data and git history out of the build context', () => {
    const ignored = readText('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.git']));
  });
});
