import { describe, it } from 'vitest';
import { scaled } from './support/scale.js';
import { socketFaultsScenario } from './scenarios/socketFaults.js';

describe('fault suite, short: socket faults against the bot (e2e)', () => {
  it('stores every closed candle once through drops, a stall and an age rotation', async () => {
    await socketFaultsScenario({ drops: scaled(9), stalls: scaled(1), rotations: scaled(1) });
  }, 120_000);
});
