import { describe, it } from 'vitest';
import { scaledMs } from './support/scale.js';
import { soakScenario } from './scenarios/soak.js';

describe('fault suite, full: 30 minutes watching the whole market of 600 symbols (e2e soak)', () => {
  it('keeps RSS and heap flat and event-loop lag low', async () => {
    await soakScenario({ symbols: 600, watch: 'all', durationMs: scaledMs(30 * 60_000), sampleEveryMs: 5_000, checkHeap: true });
  });
});
