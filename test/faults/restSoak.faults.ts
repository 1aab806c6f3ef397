import { describe, it } from 'vitest';
import { scaledMs } from './support/scale.js';
import { restSoakScenario } from './scenarios/restSoak.js';

describe('fault suite, full: a long 429 soak and slow REST (e2e)', () => {
  it('is never banned through five minutes of 429 bursts and stores every closed candle', async () => {
    await restSoakScenario({ durationMs: scaledMs(300_000) });
  });
});
