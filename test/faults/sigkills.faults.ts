import { describe, it } from 'vitest';
import { scaled } from './support/scale.js';
import { sigkillsScenario } from './scenarios/sigkills.js';

describe('fault suite, full: SIGKILL while signals flow (e2e)', () => {
  it('loses no signal or trade message through 20 kills and repeats at most one per kill', async () => {
    await sigkillsScenario({ kills: scaled(20) });
  });
});
