import { describe, it } from 'vitest';
import { scaledMs } from './support/scale.js';
import { soakScenario } from './scenarios/soak.js';

describe('fault suite, short: 300 symbols at high speed (e2e soak)', () => {
  it('keeps RSS flat and event-loop lag low, and reports the heap', async () => {
    await soakScenario({ symbols: 300, watch: 'count', durationMs: scaledMs(30_000), sampleEveryMs: 2_000, checkHeap: false });
  }, 180_000);
});
