import { defineConfig } from 'drizzle-kit';

// Run from this folder: `pnpm exec drizzle-kit generate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/rate-limit/db-schema.ts',
  out: './migrations',
  schemaFilter: ['gateway'],
});
