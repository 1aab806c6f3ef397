import { describe, expect, it } from 'vitest';
import { equityReturns, pathFigures } from '../../src/research/equityPath.js';
import { tradeOrderMonteCarlo } from '../../src/research/monteCarlo.js';

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe('equityReturns and pathFigures', () => {
  it('replaying the fractions in order gives back the equity curve: 1000 → 1100 → 990', () => {
    const returns = equityReturns([{ pnl: 100, equityAfter: 1100 }, { pnl: -110, equityAfter: 990 }]);
    expect(returns, 'each pnl over the equity before it').toEqual([0.1, -0.1]);
    const path = pathFigures(returns);
    expect(close(path.maxDrawdownPct, 10), `(1100 − 990) / 1100 = 10 %, got ${path.maxDrawdownPct}`).toBe(true);
    expect(close(path.returnPct, -1), `990 / 1000 − 1 = −1 %, got ${path.returnPct}`).toBe(true);
  });

  it('counts the drawdown from the starting balance when the first trade loses', () => {
    expect(pathFigures([-0.1, 0.05]).maxDrawdownPct, 'peak is the start').toBeCloseTo(10, 9);
    expect(pathFigures([]), 'no trade: flat').toEqual({ maxDrawdownPct: 0, returnPct: 0 });
  });
});

describe('tradeOrderMonteCarlo', () => {
  it('gives zero-width bands when every trade is the same', () => {
    const mc = tradeOrderMonteCarlo([0.01, 0.01, 0.01, 0.01, 0.01], 200, 7);
    for (const band of [mc.reshuffled.maxDrawdownPct, mc.resampled.maxDrawdownPct]) expect(band, 'never falls').toEqual({ p5: 0, p50: 0, p95: 0 });
    const ret = mc.resampled.returnPct;
    expect(ret.p5 === ret.p50 && ret.p50 === ret.p95, 'one possible return').toBe(true);
    expect(ret.p50, '1.01⁵ − 1').toBeCloseTo((1.01 ** 5 - 1) * 100, 9);
    expect(mc.deeperDrawdownPct, 'no order is deeper').toBe(0);
  });

  it('on +10 %, −10 %, −10 %: a third of the orders fall 10.9 %, the rest 19 %; the return is −10.9 % in every order', () => {
    // Orders by where the gain sits: first (1.1, 0.99, 0.891: 19 % from 1.1), middle (0.9, 0.99,
    // 0.891: 10.9 % from 1), last (0.9, 0.81, 0.891: 19 % from 1). Each is a third of the shuffles.
    const mc = tradeOrderMonteCarlo([0.1, -0.1, -0.1], 1000, 1);
    expect(mc.reshuffled.maxDrawdownPct.p5, 'the lucky third is more than 5 % of 1000').toBeCloseTo(10.9, 9);
    expect(mc.reshuffled.maxDrawdownPct.p50, 'two thirds fall 19 %').toBeCloseTo(19, 9);
    expect(mc.reshuffled.maxDrawdownPct.p95, 'the worst order').toBeCloseTo(19, 9);
    for (const v of Object.values(mc.reshuffled.returnPct)) expect(v, 'compounding is commutative').toBeCloseTo(-10.9, 9);
    expect(mc.actual, 'the run as it happened').toEqual(pathFigures([0.1, -0.1, -0.1]));
    expect(mc.deeperDrawdownPct, 'the actual order is already the worst').toBe(0);
    const r = mc.resampled.returnPct;
    expect(r.p5 >= (0.9 ** 3 - 1) * 100 - 1e-9 && r.p95 <= (1.1 ** 3 - 1) * 100 + 1e-9, 'resampled returns lie between three losses and three gains').toBe(true);
    expect(r.p95 > r.p5, 'drawing with replacement varies the return').toBe(true);
  });

  it('is deterministic for a seed and changes with it', () => {
    const returns = [0.02, -0.01, 0.015, -0.01, -0.012, 0.03, -0.01, 0.005, -0.02, 0.01];
    const a = tradeOrderMonteCarlo(returns, 300, 42);
    expect(tradeOrderMonteCarlo(returns, 300, 42), 'same seed, same numbers').toEqual(a);
    expect(tradeOrderMonteCarlo(returns, 300, 43), 'another seed, other numbers').not.toEqual(a);
  });
});
