import { describe, expect, it } from 'vitest';
import { flipPoints, seedRule, sequence } from '../fixtures.js';

describe('rule 6 symbolWinRate: symbol win rate < 50 % of its last 20, min 4 → that symbol needs +5', () => {
  const rule = seedRule('symbolWinRate');

  it('waits for 4 trades, then starts on the 4th', () => {
    const trades = sequence('LLLL', { symbol: 'ETHUSDT' });
    expect(flipPoints(rule.evaluate, trades), 'the 4th trade').toEqual([3]);
    expect(rule.evaluate(trades, trades[3]!.exitTimeMs), 'a symbol threshold').toMatchObject({
      type: 'threshold', add: 5, scope: { kind: 'symbol', symbol: 'ETHUSDT' },
    });
  });

  it('2 of 4 is not below 50 %; 2 of 5 is', () => {
    const trades = sequence('WWLLL');
    expect(flipPoints(rule.evaluate, trades), 'the 5th trade').toEqual([4]);
  });

  it('ends when a win lifts the rate back to 50 %', () => {
    const trades = sequence('WLLLWW');
    expect(flipPoints(rule.evaluate, trades), '1/4 starts it, 3/6 ends it').toEqual([3, 5]);
  });

  it('slides over the last 20 of the symbol', () => {
    const trades = sequence('L'.repeat(20) + 'W'.repeat(11));
    expect(flipPoints(rule.evaluate, trades), '10 wins of the last 20 end it').toEqual([3, 29]);
  });
});
