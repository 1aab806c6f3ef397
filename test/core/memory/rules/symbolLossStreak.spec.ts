import { describe, expect, it } from 'vitest';
import { closedTrade, flipPoints, HOUR_MS, seedRule, sequence } from '../fixtures.js';

describe('rule 5 symbolLossStreak: 2 losses in a row on a symbol → that symbol cools down 24 h', () => {
  const rule = seedRule('symbolLossStreak');
  const COOLDOWN_MS = 24 * HOUR_MS;

  it('locks the symbol [t, t + 24 h) from its second loss at t', () => {
    const trades = sequence('WLWLL', { symbol: 'SOLUSDT' });
    const t = trades[4]!.exitTimeMs;
    expect(flipPoints(rule.evaluate, trades), 'the second loss in a row').toEqual([4]);
    expect(rule.evaluate(trades, t + COOLDOWN_MS - 1), 'a symbol lock').toMatchObject({
      type: 'lock', scope: { kind: 'symbol', symbol: 'SOLUSDT' }, startMs: t, untilMs: t + COOLDOWN_MS,
    });
    expect(rule.evaluate(trades, t + COOLDOWN_MS), 'over at until').toBeNull();
  });

  it('ignores losses during the cooldown, counts one at until, and restarts the streak', () => {
    const trades = sequence('LL');
    const t = trades[1]!.exitTimeMs;
    const during = closedTrade({ id: 3, exitTimeMs: t + COOLDOWN_MS - 1, win: false });
    const atUntil = closedTrade({ id: 4, exitTimeMs: t + COOLDOWN_MS, win: false });
    const after = closedTrade({ id: 5, exitTimeMs: t + COOLDOWN_MS + HOUR_MS, win: false });
    const history = [...trades, during, atUntil, after];
    expect(flipPoints(rule.evaluate, history), 'trip, end at until (no trade during counts), trip again').toEqual([1, 3, 4]);
    expect(rule.evaluate(history, after.exitTimeMs), 'the new cooldown starts at the second counted loss').toMatchObject({
      startMs: after.exitTimeMs, untilMs: after.exitTimeMs + COOLDOWN_MS,
    });
  });
});
