import { defineConfig } from 'vitest/config';

// Browser journeys: one file at a time, one worker, generous timeouts (a real
// server boots and Chromium drives it). Run with `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
