import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../src/core/backoff.js';

const backoff = { initialMs: 100, maxMs: 5_000 };

/** A seeded linear congruential generator: reproducible draws in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('backoffDelayMs', () => {
  it('doubles the ceiling from initialMs per attempt and caps it at maxMs', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, backoff, 1)), 'ceilings 100·2^(n−1), capped at 5000')
      .toEqual([100, 200, 400, 800, 1600, 3200, 5000]);
  });

  it('scales the ceiling by the jitter draw: 0 retries at once, just under 1 waits just under the ceiling', () => {
    expect(backoffDelayMs(3, backoff, 0), 'zero draw').toBe(0);
    expect(backoffDelayMs(3, backoff, 0.5), 'half of 100·2^2').toBe(200);
    expect(backoffDelayMs(20, backoff, 0.999_999), 'capped, rounded down').toBe(4999);
  });

  it('spreads full-jitter waits over the whole range of every attempt', () => {
    const random = seeded(7);
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1));
      const draws = Array.from({ length: 300 }, () => backoffDelayMs(attempt, backoff, random()));
      expect(Math.min(...draws), `attempt ${attempt}: never negative`).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws), `attempt ${attempt}: always below the ceiling`).toBeLessThan(ceiling);
      expect(Math.min(...draws), `attempt ${attempt}: reaches the low end`).toBeLessThan(ceiling * 0.1);
      expect(Math.max(...draws), `attempt ${attempt}: reaches the high end`).toBeGreaterThan(ceiling * 0.9);
    }
  });

  it('stays at maxMs after any number of attempts, also with initialMs 0', () => {
    expect(backoffDelayMs(5_000, backoff, 1), 'no overflow to Infinity').toBe(5_000);
    expect(backoffDelayMs(5_000, { initialMs: 0, maxMs: 5_000 }, 1), 'no NaN from 0·Infinity').toBe(0);
  });

  it('refuses a jitter outside [0, 1]', () => {
    expect(() => backoffDelayMs(1, backoff, 1.5), 'above 1').toThrow(RangeError);
    expect(() => backoffDelayMs(1, backoff, Number.NaN), 'NaN').toThrow(RangeError);
  });
});
