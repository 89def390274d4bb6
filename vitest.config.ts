import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    pool: 'forks',
    // Where the migrated and seeded demo clinic that test files copy lives (see src/server/testing/test-template.ts).
    globalSetup: ['src/server/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep PGlite instances and Postgres databases from starving each other.
    maxWorkers: 2,
  },
});
