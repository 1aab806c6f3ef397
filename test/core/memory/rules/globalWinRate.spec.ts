import { describe, expect, it } from 'vitest';
import { flipPoints, seedRule, sequence } from '../fixtures.js';

describe('rule 1 globalWinRate: win rate < 55 % of the last 20, min 10 → threshold +5', () => {
  const rule = seedRule('globalWinRate');

  it('has no opinion before the 10th trade, then starts on it', () => {
    const trades = sequence('L'.repeat(12));
    expect(flipPoints(rule.evaluate, trades), 'starts at the 10th trade (index 9)').toEqual([9]);
    const verdict = rule.evaluate(trades.slice(0, 10), trades[9]!.exitTimeMs);
    expect(verdict, 'a global +5 threshold').toMatchObject({ type: 'threshold', add: 5, scope: { kind: 'global' } });
  });

  it('starts on the trade that takes the rate below 55 % (6 of 10 holds, 6 of 11 does not)', () => {
    const trades = sequence('WWWWWW' + 'LLLLLL');
    expect(flipPoints(rule.evaluate, trades), '6/11 = 54.5 % is the 11th trade').toEqual([10]);
  });

  it('compares as integers: 11 of 20 is not below 55 %, 10 of 20 is', () => {
    const eleven = sequence('W'.repeat(11) + 'L'.repeat(9));
    const ten = sequence('W'.repeat(10) + 'L'.repeat(10));
    expect(rule.evaluate(eleven, eleven[19]!.exitTimeMs), '11/20 = 55 %').toBeNull();
    expect(rule.evaluate(ten, ten[19]!.exitTimeMs), '10/20 = 50 %').not.toBeNull();
  });

  it('slides: after 20 losses it ends on the 11th win, when 11 of the last 20 are wins', () => {
    const trades = sequence('L'.repeat(20) + 'W'.repeat(12));
    expect(flipPoints(rule.evaluate, trades), 'start at the 10th loss, end at the 11th win').toEqual([9, 30]);
  });

  it('takes its window and line from config', () => {
    const strict = seedRule('globalWinRate', { windowTrades: 5, minTrades: 5, belowWinRatePct: 80, thresholdAdd: 7 });
    const trades = sequence('WWWWLWWWWW');
    expect(flipPoints(strict.evaluate, trades), '4/5 = 80 % is not below; 4/5 stays for 4 more trades').toEqual([]);
    const lower = sequence('WWLLWWWWW');
    expect(flipPoints(strict.evaluate, lower), '3/5 below 80 % from the 5th, 4/5 again on the 8th').toEqual([4, 7]);
    expect(strict.evaluate(lower.slice(0, 5), lower[4]!.exitTimeMs), 'add from config').toMatchObject({ add: 7 });
  });
});
