import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['integration/**/*.test.ts', 'browser/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
