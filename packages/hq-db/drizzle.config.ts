import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  // Relative on purpose: an absolute path breaks drizzle-kit's second `generate`.
  out: './drizzle',
});
