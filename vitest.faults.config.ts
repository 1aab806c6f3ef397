import { defineConfig } from 'vitest/config';

/**
 * The long fault suite (`npm run test:faults`): the same scenario functions as the short
 * `test/faults/*.spec.ts` files in `npm test`, at their full counts. One file at a time: every
 * scenario spawns the bot and the soak measures event-loop lag, which other files would disturb.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60 * 60_000,
    hookTimeout: 120_000,
  },
});
