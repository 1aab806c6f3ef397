import { describe, expect, it } from 'vitest';
import { closedTrade, flipPoints, HOUR_MS, seedRule, T0 } from '../fixtures.js';

const withPnl = (pnls: readonly number[]) =>
  pnls.map((pnl, index) => closedTrade({ id: index + 1, exitTimeMs: T0 + index * HOUR_MS, win: pnl > 0, pnl }));

describe('rule 4 drawdownRiskCap: closed-trade drawdown > 8 % → risk per trade ≤ 0.5 %', () => {
  const rule = seedRule('drawdownRiskCap', { startingEquity: 1000 });

  it('starts strictly above 8 % and ends at or below it', () => {
    const trades = withPnl([-40, -40, -1, 1, -5]);
    expect(flipPoints(rule.evaluate, trades), '920 is exactly 8 %, 919 above, 920 again ends it, 915 restarts').toEqual([2, 3, 4]);
    expect(rule.evaluate(trades, trades[4]!.exitTimeMs), 'a global risk cap of 0.5 %').toMatchObject({
      type: 'riskCap', maxRiskPct: 0.5, scope: { kind: 'global' },
    });
  });

  it('follows a new peak', () => {
    const trades = withPnl([500, -100, -21]);
    expect(flipPoints(rule.evaluate, trades), '1500 → 1400 (6.7 %) → 1379 (8.07 %)').toEqual([2]);
  });
});
