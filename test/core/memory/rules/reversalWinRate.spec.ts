import { describe, expect, it } from 'vitest';
import { flipPoints, HOUR_MS, seedRule, sequence, T0 } from '../fixtures.js';

describe('rule 7 reversalWinRate: reversal win rate < 45 % of its last 20, min 10 → reversal off 48 h', () => {
  const rule = seedRule('reversalWinRate');
  const OFF_MS = 48 * HOUR_MS;
  const reversal = (pattern: string, startMs = T0, firstId = 1) => sequence(pattern, { model: 'reversal', startMs, firstId });

  it('trips on the 10th trade of a losing run and locks the model [t, t + 48 h)', () => {
    const trades = reversal('L'.repeat(10));
    const t = trades[9]!.exitTimeMs;
    expect(flipPoints(rule.evaluate, trades), 'the 10th trade').toEqual([9]);
    expect(rule.evaluate(trades, t), 'a model lock').toMatchObject({
      type: 'lock', scope: { kind: 'model', model: 'reversal' }, startMs: t, untilMs: t + OFF_MS,
    });
    expect(rule.evaluate(trades, t + OFF_MS - 1), 'held 1 ms before until').not.toBeNull();
    expect(rule.evaluate(trades, t + OFF_MS), 'over at until').toBeNull();
  });

  it('compares as integers: 5 of 11 (45.45 %) is not below 45 %, 5 of 12 is', () => {
    const trades = reversal('WWWWWLLLLLLL');
    expect(flipPoints(rule.evaluate, trades), 'the 12th trade').toEqual([11]);
  });

  it('empties its window at the trip and counts only trades closed from the lock end on', () => {
    const first = reversal('L'.repeat(10));
    const untilMs = first[9]!.exitTimeMs + OFF_MS;
    const during = reversal('LLLLL', untilMs - 5 * HOUR_MS, 11);
    const after = reversal('L'.repeat(10), untilMs, 16);
    const history = [...first, ...during, ...after];
    expect(flipPoints(rule.evaluate, history), 'trip, end at until (the first loss there counts), trip on its 10th').toEqual([9, 15, 24]);
    expect(rule.evaluate(history, after[9]!.exitTimeMs), 'the second lock starts at the 10th counted loss').toMatchObject({
      startMs: after[9]!.exitTimeMs,
    });
  });

  it('reads only reversal trades', () => {
    const trades = sequence('L'.repeat(15), { model: 'continuation' });
    expect(rule.evaluate(trades, trades[14]!.exitTimeMs), 'continuation losses do not count').toBeNull();
  });
});
