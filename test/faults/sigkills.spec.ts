import { describe, it } from 'vitest';
import { scaled } from './support/scale.js';
import { sigkillsScenario } from './scenarios/sigkills.js';

describe('fault suite, short: SIGKILL while signals flow (e2e)', () => {
  it('loses no signal or trade message and repeats at most one per kill', async () => {
    await sigkillsScenario({ kills: scaled(2) });
  }, 120_000);
});
