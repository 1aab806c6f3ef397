import { describe, expect, it } from 'vitest';
import { closedTrade, flipPoints, HOUR_MS, seedRule, sequence, T0 } from '../fixtures.js';

describe('rule 2 globalLossStreak: 3 losses in a row → pause all 12 h from the third loss', () => {
  const rule = seedRule('globalLossStreak');
  const PAUSE_MS = 12 * HOUR_MS;

  it('locks [t, t + 12 h) from the third loss at t', () => {
    const trades = sequence('LLL');
    const t = trades[2]!.exitTimeMs;
    expect(flipPoints(rule.evaluate, trades), 'the third loss trips it').toEqual([2]);
    expect(rule.evaluate(trades, t), 'global lock from t').toMatchObject({
      type: 'lock', scope: { kind: 'global' }, startMs: t, untilMs: t + PAUSE_MS,
    });
    expect(rule.evaluate(trades, t + PAUSE_MS - 1), 'still paused 1 ms before until').not.toBeNull();
    expect(rule.evaluate(trades, t + PAUSE_MS), 'over at until').toBeNull();
    expect(rule.evaluate(trades.slice(0, 2), t - 1), 'two losses are not enough').toBeNull();
  });

  it('a win breaks the streak', () => {
    const trades = sequence('LLWLLWLLL');
    expect(flipPoints(rule.evaluate, trades), 'only the third loss after the last win').toEqual([8]);
  });

  it('ignores trades closed during the pause and counts one closed exactly at until; the streak restarts', () => {
    const trades = sequence('LLL');
    const t = trades[2]!.exitTimeMs;
    const during = closedTrade({ id: 4, exitTimeMs: t + HOUR_MS, win: false });
    const atUntil = closedTrade({ id: 5, exitTimeMs: t + PAUSE_MS, win: false });
    const next = closedTrade({ id: 6, exitTimeMs: t + PAUSE_MS + HOUR_MS, win: false });
    const third = closedTrade({ id: 7, exitTimeMs: t + PAUSE_MS + 2 * HOUR_MS, win: false });
    const history = [...trades, during, atUntil, next];
    expect(rule.evaluate(history, next.exitTimeMs), 'losses at t+1h (ignored), t+12h and t+13h make a streak of 2').toBeNull();
    const tripped = rule.evaluate([...history, third], third.exitTimeMs);
    expect(tripped, 'the third counted loss trips a new pause').toMatchObject({
      startMs: third.exitTimeMs, untilMs: third.exitTimeMs + PAUSE_MS,
    });
  });

  it('a win exactly at until counts and breaks the streak', () => {
    const trades = sequence('LLL');
    const t = trades[2]!.exitTimeMs;
    const later = [
      closedTrade({ id: 4, exitTimeMs: t + HOUR_MS, win: false }),
      closedTrade({ id: 5, exitTimeMs: t + PAUSE_MS - HOUR_MS, win: false }),
      closedTrade({ id: 6, exitTimeMs: t + PAUSE_MS, win: true }),
      closedTrade({ id: 7, exitTimeMs: t + PAUSE_MS + 1, win: false }),
      closedTrade({ id: 8, exitTimeMs: t + PAUSE_MS + 2, win: false }),
    ];
    const history = [...trades, ...later];
    expect(flipPoints(rule.evaluate, history), 'over at the win at until; two losses after it are no streak of 3').toEqual([2, 5]);
  });

  it('ignores a same-time loss with a higher id after the trip', () => {
    const trades = [...sequence('LLL'), closedTrade({ id: 9, exitTimeMs: T0 + 2 * HOUR_MS, win: false })];
    const later = sequence('LL', { startMs: T0 + 2 * HOUR_MS + 12 * HOUR_MS, firstId: 10 });
    expect(rule.evaluate([...trades, ...later], later[1]!.exitTimeMs), 'the tie loss fell inside the pause').toBeNull();
  });

  it('takes the streak length and pause from config', () => {
    const custom = seedRule('globalLossStreak', { minLosses: 2, lockHours: 1 });
    const trades = sequence('LL', { stepMs: 1000 });
    expect(custom.evaluate(trades, trades[1]!.exitTimeMs), 'trips at 2, 1 h').toMatchObject({
      untilMs: trades[1]!.exitTimeMs + HOUR_MS,
    });
  });
});
