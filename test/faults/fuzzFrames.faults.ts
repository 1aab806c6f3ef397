import { describe, it } from 'vitest';
import { scaled } from './support/scale.js';
import { fuzzFramesScenario } from './scenarios/fuzzFrames.js';

describe('fault suite, full: 10,000 fuzzed frames through parseKline and the bot', () => {
  it('never throws, counts every bad frame by kind, parses every good one; the bot stays up and counts them', async () => {
    await fuzzFramesScenario({ frames: scaled(10_000), botShareEvery: 5 });
  });
});
