import { describe, expect, it } from 'vitest';
import { bandOf, standingOf } from '../../src/research/bands.js';

describe('bandOf', () => {
  it('takes nearest-rank percentiles: of 1..20, the 1st, 10th and 19th values', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(bandOf(samples), 'ceil(5 % × 20) = 1, ceil(50 % × 20) = 10, ceil(95 % × 20) = 19').toEqual({ p5: 1, p50: 10, p95: 19 });
  });

  it('is NaN without samples', () => {
    expect(bandOf([]), 'no sample, no band').toEqual({ p5: Number.NaN, p50: Number.NaN, p95: Number.NaN });
  });
});

describe('standingOf', () => {
  it('counts the samples strictly below as beaten and ties against the value', () => {
    // 0.1 among [-0.2, 0, 0.1, 0.3]: two below (beats 50 %), two at or above (p = 2/4).
    expect(standingOf(0.1, [0.3, -0.2, 0.1, 0]), 'by hand').toEqual({ beatsPct: 50, pValue: 0.5 });
    expect(standingOf(1, [0, 0.5, 0.9, 0.2]), 'above every sample').toEqual({ beatsPct: 100, pValue: 0 });
    expect(standingOf(0, [0, 0, 0]), 'equal to every sample: chance did as well every time').toEqual({ beatsPct: 0, pValue: 1 });
    expect(standingOf(0, []), 'no sample').toBeNull();
  });
});
