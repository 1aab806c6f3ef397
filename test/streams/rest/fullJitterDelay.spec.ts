import { describe, expect, it } from 'vitest';
import { fullJitterDelayMs, retryAfterMs } from '../../../src/streams/rest/fullJitterDelay.js';

const backoff = { baseMs: 100, capMs: 5000 };

/** A seeded linear congruential generator: reproducible draws in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('fullJitterDelayMs', () => {
  it('stays within [0, min(cap, base·2^n)] for every attempt', () => {
    const random = seeded(7);
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt);
      const draws = Array.from({ length: 300 }, () => fullJitterDelayMs(attempt, backoff, random));
      expect(Math.min(...draws), `attempt ${attempt} lower bound`).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws), `attempt ${attempt} upper bound`).toBeLessThanOrEqual(ceiling);
      // Full jitter spreads over the whole range, not a band near the ceiling.
      expect(Math.min(...draws), `attempt ${attempt} reaches the low end`).toBeLessThan(ceiling * 0.1);
      expect(Math.max(...draws), `attempt ${attempt} reaches the high end`).toBeGreaterThan(ceiling * 0.9);
    }
  });

  it('scales the draw linearly: random 0 gives 0, random near 1 gives the ceiling', () => {
    expect(fullJitterDelayMs(3, backoff, () => 0), 'zero draw').toBe(0);
    expect(fullJitterDelayMs(3, backoff, () => 0.5), 'half of base·2^3').toBe(400);
    expect(fullJitterDelayMs(20, backoff, () => 0.999_999), 'capped').toBe(4999);
  });
});

describe('retryAfterMs', () => {
  it('reads whole seconds and rejects what is not a number', () => {
    expect(retryAfterMs('1'), 'one second').toBe(1000);
    expect(retryAfterMs('0'), 'zero').toBe(0);
    expect(retryAfterMs(undefined), 'absent').toBeUndefined();
    expect(retryAfterMs(''), 'empty').toBeUndefined();
    expect(retryAfterMs('soon'), 'garbage').toBeUndefined();
  });
});
