/**
 * `pnpm check`: every static check in one command. Type-check, lint
 * (typescript-eslint with type information, `eslint.config.js`), formatting,
 * and freshness of everything generated: the composed supergraph, the
 * codegen output and the drizzle migrations. Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { subgraphNames } from '../platform/src/subgraph-names.js';

const root = path.resolve(import.meta.dirname, '..');
const subgraphs = subgraphNames;
const failures: string[] = [];

function run(label: string, command: string, args: string[], cwd = root): boolean {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
}

function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const dirs = [...subgraphs.map((s) => `subgraphs/${s}/src/generated`), 'stack/test/generated'];
  for (const dir of dirs) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) continue;
    for (const name of fs.readdirSync(full))
      files.set(path.join(dir, name), fs.readFileSync(path.join(full, name), 'utf8'));
  }
  return files;
}

function checkCodegen(): void {
  const before = generatedFiles();
  if (!run('codegen', 'pnpm', ['-s', 'codegen'])) return;
  const after = generatedFiles();
  const stale = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
  if (stale.length > 0) {
    console.error(`generated code was stale (now regenerated; commit it): ${stale.join(', ')}`);
    failures.push('codegen freshness');
  }
}

function checkMigrations(): void {
  for (const name of [...subgraphs.map((s) => `subgraphs/${s}`), 'gateway']) {
    const dir = path.join(root, name, 'migrations');
    const before = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
    run(
      `drizzle migrations (${name})`,
      'pnpm',
      ['exec', 'drizzle-kit', 'generate', '--name', 'pending'],
      path.join(root, name),
    );
    const added = (fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((f) => !before.has(f));
    if (added.length > 0) {
      console.error(`${name}: the drizzle schema has changes without a migration (run drizzle-kit generate there)`);
      failures.push(`migrations (${name})`);
      spawnSync('git', ['checkout', '--', 'migrations/meta'], { cwd: path.join(root, name) });
      for (const file of added) fs.rmSync(path.join(dir, file), { force: true });
    }
  }
}

run('type-check', 'pnpm', ['-s', 'typecheck']);
run('lint', 'pnpm', ['-s', 'lint']);
run('formatting', 'pnpm', ['exec', 'prettier', '--check', '.']);
run('supergraph freshness', 'pnpm', ['exec', 'tsx', 'schema/compose.ts', '--check']);
checkCodegen();
checkMigrations();

if (failures.length > 0) {
  console.error(`\n✖ pnpm check failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\n✔ pnpm check passed');
