import { describe, it } from 'vitest';
import { scaledMs } from './support/scale.js';
import { restSoakScenario } from './scenarios/restSoak.js';

describe('fault suite, short: 429 bursts and slow REST (e2e)', () => {
  it('is never banned and stores every closed candle', async () => {
    await restSoakScenario({ durationMs: scaledMs(18_000) });
  }, 120_000);
});
