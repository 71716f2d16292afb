import { defineConfig } from 'vitest/config';

/**
 * The fault-injection suite (`npm run test:faults`): processes killed, paused, starved of their
 * database or disk. One file at a time: each drives several servers on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['faults/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
