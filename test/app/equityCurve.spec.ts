import { describe, expect, it } from 'vitest';
import { equityCurve } from '../../src/app/httpSources.js';

describe('equityCurve', () => {
  it('starts at ACCOUNT_BALANCE when the first trade opened, then follows each closed trade', () => {
    const trades = [
      { openedAtMs: 1_000, exitTimeMs: 5_000, pnl: 20 },
      { openedAtMs: 6_000, exitTimeMs: 9_000, pnl: -30 },
    ];
    const points = equityCurve(1000, trades);
    expect(points[0], 'the first point is the starting balance, before the first trade').toEqual({ tMs: 1_000, equity: 1000, drawdownPct: 0 });
    expect(points.slice(1).map((p) => [p.tMs, p.equity]), 'one point per closed trade').toEqual([[5_000, 1020], [9_000, 990]]);
    expect(points[2]!.drawdownPct, 'drawdown from the 1020 peak').toBeCloseTo((30 / 1020) * 100, 10);
  });

  it('is empty without closed trades: the chart says so instead of drawing a lone point', () => {
    expect(equityCurve(1000, [])).toEqual([]);
  });
});
