import { fileURLToPath } from 'node:url';
import { defineConfig } from 'drizzle-kit';

// Paths resolve from this file, so the config works from the repository root too.
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  dialect: 'postgresql',
  schema: here('./src/db/schema.ts'),
  out: here('./migrations'),
  schemaFilter: ['users'],
});
