import { describe, expect, it } from 'vitest';
import { closedTrade, flipPoints, HOUR_MS, seedRule, T0 } from '../fixtures.js';

const withPnl = (pnls: readonly number[]) =>
  pnls.map((pnl, index) => closedTrade({ id: index + 1, exitTimeMs: T0 + index * HOUR_MS, win: pnl > 0, pnl }));

describe('rule 3 drawdownDailyCap: closed-trade drawdown > 5 % → 2 signals per day', () => {
  const rule = seedRule('drawdownDailyCap', { startingEquity: 1000 });

  it('starts on the loss that takes equity strictly below 95 % of the peak', () => {
    const trades = withPnl([-10, -10, -10, -10, -10, -10]);
    expect(flipPoints(rule.evaluate, trades), '950 is exactly 5 %; 940 is above').toEqual([5]);
    expect(rule.evaluate(trades, trades[5]!.exitTimeMs), 'a global daily cap of 2').toMatchObject({
      type: 'dailyCap', maxSignals: 2, scope: { kind: 'global' },
    });
  });

  it('counts the starting balance as a peak', () => {
    const trades = withPnl([-60]);
    expect(flipPoints(rule.evaluate, trades), 'the first trade: 940 from a peak of 1000').toEqual([0]);
  });

  it('measures from the highest closed equity and ends when equity recovers', () => {
    const trades = withPnl([100, -50, -10, 20, 10]);
    expect(flipPoints(rule.evaluate, trades), '1100 → 1050 (4.5 %) → 1040 (5.45 %) → 1060 (3.6 %)').toEqual([2, 3]);
  });

  it('takes its line, cap and starting equity from config', () => {
    const custom = seedRule('drawdownDailyCap', { startingEquity: 200, aboveDrawdownPct: 10, maxSignalsPerDay: 1 });
    const trades = withPnl([-20, -1]);
    expect(flipPoints(custom.evaluate, trades), '180 is exactly 10 % of 200; 179 is above').toEqual([1]);
    expect(custom.evaluate(trades, trades[1]!.exitTimeMs), 'cap from config').toMatchObject({ maxSignals: 1 });
  });
});
