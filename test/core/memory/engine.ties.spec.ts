import { describe, expect, it } from 'vitest';
import { closedTrade, HOUR_MS, T0 } from './fixtures.js';
import { defaultEngine, feed, keysOf } from './engineHarness.js';

const t = T0 + 2 * HOUR_MS;
const lead = () => [
  closedTrade({ id: 1, exitTimeMs: T0, win: false, symbol: 'AUSDT' }),
  closedTrade({ id: 2, exitTimeMs: T0 + HOUR_MS, win: false, symbol: 'BUSDT' }),
];

describe('memory engine: trades closing at the same time are read by signal id, whatever their arrival', () => {
  it('a win with the lower id breaks the streak before a same-time loss', () => {
    const win = closedTrade({ id: 9, exitTimeMs: t, win: true, symbol: 'CUSDT' });
    const loss = closedTrade({ id: 10, exitTimeMs: t, win: false, symbol: 'DUSDT' });
    const arrived = feed(defaultEngine(), [...lead(), loss, win]);
    expect(arrived.state(t).locks, 'W(9) then L(10): a streak of 1, no pause').toEqual([]);
    const lockEvents = arrived.advanceTo(t).filter((e) => e.verdict.type === 'lock');
    expect(
      lockEvents.map((e) => `${e.kind}@${e.atMs - t}`),
      'the pause seen before the win arrived is retracted at the same time',
    ).toEqual(['start@0', 'end@0']);
  });

  it('a loss with the lower id trips the pause and the same-time win is ignored', () => {
    const loss = closedTrade({ id: 9, exitTimeMs: t, win: false, symbol: 'CUSDT' });
    const win = closedTrade({ id: 10, exitTimeMs: t, win: true, symbol: 'DUSDT' });
    const arrived = feed(defaultEngine(), [...lead(), win, loss]);
    expect(arrived.state(t).locks.map((l) => l.rule), 'L L L(9): paused from t').toEqual(['globalLossStreak']);
    expect(keysOf(arrived.state(t).verdicts), 'same as fed in id order').toEqual(
      keysOf(feed(defaultEngine(), [...lead(), loss, win]).state(t).verdicts),
    );
  });
});
