import { describe, it } from 'vitest';
import { scaledMs } from './support/scale.js';
import { soakScenario } from './scenarios/soak.js';

describe('fault suite, full: 30 minutes at 300 symbols (e2e soak)', () => {
  it('keeps RSS flat and event-loop lag low', async () => {
    await soakScenario({ durationMs: scaledMs(30 * 60_000), sampleEveryMs: 5_000 });
  });
});
