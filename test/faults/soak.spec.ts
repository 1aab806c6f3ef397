import { describe, it } from 'vitest';
import { scaledMs } from './support/scale.js';
import { soakScenario } from './scenarios/soak.js';

describe('fault suite, short: 300 symbols at high speed (e2e soak)', () => {
  it('keeps RSS and heap flat and event-loop lag low', async () => {
    await soakScenario({ symbols: 300, watch: 'count', durationMs: scaledMs(30_000), sampleEveryMs: 2_000 });
  }, 180_000);
});
