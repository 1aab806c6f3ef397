import { describe, it } from 'vitest';
import { scaled } from './support/scale.js';
import { fuzzFramesScenario } from './scenarios/fuzzFrames.js';

describe('fault suite, short: fuzzed frames through parseKline and the bot', () => {
  it('never throws, counts every bad frame by kind, parses every good one; the bot stays up and counts them (regression: binary frames)', async () => {
    await fuzzFramesScenario({ frames: scaled(1_000), botShareEvery: 5 });
  }, 90_000);
});
