import { describe, expect, it } from 'vitest';
import { flipPoints, seedRule, sequence } from '../fixtures.js';

describe('rule 8 continuationWinRate: continuation win rate > 65 % of its last 20, min 10 → a notice', () => {
  const rule = seedRule('continuationWinRate');
  const continuation = (pattern: string) => sequence(pattern, { model: 'continuation' });

  it('notices on the 10th trade of a winning run', () => {
    const trades = continuation('W'.repeat(12));
    expect(flipPoints(rule.evaluate, trades), 'the 10th trade').toEqual([9]);
    expect(rule.evaluate(trades, trades[9]!.exitTimeMs), 'a notice on the model').toMatchObject({
      type: 'notice', scope: { kind: 'model', model: 'continuation' },
    });
  });

  it('13 of 20 (65 %) is not above 65 %; 14 of 20 is', () => {
    const trades = continuation('L'.repeat(7) + 'W'.repeat(14));
    expect(flipPoints(rule.evaluate, trades), 'the 21st trade drops the first loss').toEqual([20]);
  });

  it('ends when the rate falls back and starts again on the next crossing', () => {
    const trades = continuation('W'.repeat(10) + 'LLLL' + 'W'.repeat(7));
    expect(flipPoints(rule.evaluate, trades), 'over 20 trades the four losses never take it to 65 %').toEqual([9]);
    const short = seedRule('continuationWinRate', { windowTrades: 10, minTrades: 10 });
    expect(
      flipPoints(short.evaluate, trades),
      'over 10: 6/10 ends it on the 4th loss; 7/10 once the first loss leaves the window',
    ).toEqual([9, 13, 20]);
  });

  it('reads only continuation trades', () => {
    const trades = sequence('W'.repeat(12), { model: 'reversal' });
    expect(rule.evaluate(trades, trades[11]!.exitTimeMs), 'reversal wins do not count').toBeNull();
  });
});
