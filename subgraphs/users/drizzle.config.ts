import { defineConfig } from 'drizzle-kit';

// Run from this folder: `pnpm exec drizzle-kit generate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
  schemaFilter: ['users'],
});
