import { describe, it } from 'vitest';
import { scaled } from './support/scale.js';
import { socketFaultsScenario } from './scenarios/socketFaults.js';

describe('fault suite, full: socket faults against the bot (e2e)', () => {
  it('stores every closed candle once through 100 drops, stalls and age rotations', async () => {
    await socketFaultsScenario({ drops: scaled(100), stalls: scaled(5), rotations: scaled(10) });
  });
});
