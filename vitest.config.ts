import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    // Rebuilds dist/ (incremental) for the tests that run the compiled bin; the rest run src via tsx.
    globalSetup: ['test/support/buildDist.ts'],
    pool: 'forks',
    // Two cores: e2e files spawn the bot and the simulator as child processes.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
