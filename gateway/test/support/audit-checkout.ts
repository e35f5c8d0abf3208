/**
 * The Guild's federation gateway audit (github.com/graphql-hive/federation-gateway-audit),
 * run from a checkout named by FEDERATION_AUDIT_DIR. It is not on npm and its
 * code is never committed here, so each run copies its `src/` into a
 * git-ignored folder of the gateway package: ESM resolves the audit's imports
 * (fets, graphql-yoga, @apollo/subgraph, @apollo/composition) from the
 * importing file, and only there do they find the gateway's devDependencies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createLogger, listen, type RunningHttpServer } from '@seats/platform';

const cloneHint =
  'git clone https://github.com/graphql-hive/federation-gateway-audit /opt/federation-gateway-audit ' +
  'and set FEDERATION_AUDIT_DIR=/opt/federation-gateway-audit';

/**
 * The checkout, when given. The README's test command must work without it,
 * so then the audit is skipped (saying so); under CI it may not be.
 */
export const auditDir: string | undefined = (() => {
  const dir = process.env.FEDERATION_AUDIT_DIR;
  if (dir) {
    if (!fs.existsSync(path.join(dir, 'src', 'test-suites')))
      throw new Error(`FEDERATION_AUDIT_DIR=${dir} has no src/test-suites; ${cloneHint}`);
    return dir;
  }
  if (process.env.CI) throw new Error(`CI must run the federation gateway audit: ${cloneHint}`);
  console.warn(`FEDERATION_AUDIT_DIR is not set: the federation gateway audit is skipped (${cloneHint})`);
  return undefined;
})();

/** Copies live here; `.gitignore`, `.prettierignore` and tsconfig.json all leave the folder out. */
const copiesDir = path.resolve(import.meta.dirname, '../../.federation-audit');

/** One copy of the audit's sources per run, so parallel runs do not share a folder. */
export interface AuditCopy {
  /** A fresh `src/` (fresh modules, so fresh subgraph state) under this copy. */
  sources(label: string): string;
  dispose(): void;
}

export function copyAudit(): AuditCopy {
  const dir = auditDir;
  if (!dir) throw new Error('FEDERATION_AUDIT_DIR is not set');
  const root = path.join(copiesDir, `${process.pid}-${randomBytes(4).toString('hex')}`);
  return {
    sources: (label) => {
      const target = path.join(root, label, 'src');
      fs.cpSync(path.join(dir, 'src'), target, { recursive: true });
      return target;
    },
    dispose: () => {
      fs.rmSync(root, { recursive: true, force: true });
      // The last run out takes the folder with it.
      if (fs.existsSync(copiesDir) && fs.readdirSync(copiesDir).length === 0) fs.rmSync(copiesDir, { recursive: true });
    },
  };
}

/** One audit suite as the audit's router serves it. */
export interface AuditSuite {
  readonly id: string;
  readonly supergraphSdl: string;
  readonly subgraphs: ReadonlyArray<{ name: string; url: string }>;
  readonly cases: readonly AuditCase[];
}

/** An audit case: `errors` true or false must match, absent means either. */
export interface AuditCase {
  readonly query: string;
  readonly expected: { data?: unknown; errors?: boolean };
}

export interface AuditRouter {
  readonly url: string;
  suites(): Promise<AuditSuite[]>;
  dispose(): Promise<void>;
}

/** The audit's router (every suite's subgraphs, supergraph and cases) on a free port. */
export async function startAuditRouter(sources: string): Promise<AuditRouter> {
  const entry = pathToFileURL(path.join(sources, 'index.ts')).href;
  const { createRouter } = (await import(entry)) as { createRouter: () => Parameters<typeof listen>[0] };
  const http: RunningHttpServer = await listen(createRouter(), 0, '127.0.0.1', createLogger('audit', 'silent'));
  const get = async (route: string): Promise<Response> => {
    const response = await fetch(`${http.url}/${route}`);
    if (!response.ok) throw new Error(`audit router: GET /${route} answered ${response.status}`);
    return response;
  };
  return {
    url: http.url,
    suites: async () => {
      const ids = (await (await get('ids')).json()) as string[];
      return Promise.all(
        ids.map(async (id) => ({
          id,
          supergraphSdl: await (await get(`${id}/supergraph`)).text(),
          subgraphs: (await (await get(`${id}/subgraphs`)).json()) as AuditSuite['subgraphs'],
          cases: (await (await get(`${id}/tests`)).json()) as AuditCase[],
        })),
      );
    },
    dispose: () => http.dispose(),
  };
}
