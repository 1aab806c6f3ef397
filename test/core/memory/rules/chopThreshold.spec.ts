import { describe, expect, it } from 'vitest';
import { createMemoryRule } from '../../../../src/core/memory/rules/index.js';
import type { DailyReading } from '../../../../src/domain/memory.js';
import { DAY_MS, sequence, T0 } from '../fixtures.js';

/** A 1D reading ending at `endMs` whose close is `strength` ATR14 above SMA50 (ATR 4, SMA50 100). */
function reading(strength: number, endMs = T0 + DAY_MS, symbol = 'SOLUSDT'): DailyReading {
  return { symbol, endMs, close: 100 + strength * 4, smaSlow: 100, atr: 4 };
}

describe('chopThreshold: a symbol whose 1D close is within belowTrendAtr ATR14 of its SMA50 needs +thresholdAdd', () => {
  const rule = createMemoryRule({ id: 'symbolChop', kind: 'chopThreshold', scope: 'symbol', params: { belowTrendAtr: 1.5, thresholdAdd: 10 } });
  const at = T0 + DAY_MS;

  it('holds just below the line, not at it nor above (strict: a weak trend is strictly under it)', () => {
    expect(rule.evaluate([], at, [reading(1.4999)]), 'just below').toEqual({
      type: 'threshold', rule: 'symbolChop', scope: { kind: 'symbol', symbol: 'SOLUSDT' }, add: 10,
      detail: { kind: 'weakTrend', trendAtr: 1.49, lineAtr: 1.5 },
    });
    expect(rule.evaluate([], at, [reading(1.5)]), 'at the line').toBeNull();
    expect(rule.evaluate([], at, [reading(1.5001)]), 'just above').toBeNull();
  });

  it('reads the distance on either side of the average', () => {
    const below = { ...reading(0), close: 100 - 1.4 * 4 };
    expect(rule.evaluate([], at, [below])?.detail, 'a close under SMA50 counts by its distance').toEqual({ kind: 'weakTrend', trendAtr: 1.4, lineAtr: 1.5 });
  });

  it('flips with each new 1D candle, the newest closed one deciding', () => {
    const days = [3, 1, 0.2, 2, 1.49].map((strength, i) => reading(strength, T0 + (i + 1) * DAY_MS));
    const holds = days.map((day) => rule.evaluate([], day.endMs, days) !== null);
    expect(holds, 'weak on days 2, 3 and 5').toEqual([false, true, true, false, true]);
  });

  it('sees a 1D candle only from its end on: one ending a millisecond later does not count yet', () => {
    const days = [reading(3, T0 + DAY_MS), reading(0.5, T0 + 2 * DAY_MS)];
    expect(rule.evaluate([], T0 + 2 * DAY_MS - 1, days), 'the weak day has not closed').toBeNull();
    expect(rule.evaluate([], T0 + 2 * DAY_MS, days), 'it has').not.toBeNull();
  });

  it('ignores trades: losses do not make chop, wins do not end it', () => {
    const trades = sequence('LLLLLLWWWWWW', { symbol: 'SOLUSDT', startMs: T0 + DAY_MS });
    expect(rule.evaluate(trades, T0 + 2 * DAY_MS, [reading(3)])).toBeNull();
    expect(rule.evaluate(trades, T0 + 2 * DAY_MS, [reading(0.5)])).not.toBeNull();
  });

  it('has no opinion on a flat series (zero ATR)', () => {
    expect(rule.evaluate([], at, [{ ...reading(0), atr: 0 }])).toBeNull();
  });

  it('gives each symbol its own verdict in its own scope', () => {
    const tracker = rule.tracker();
    tracker.observe?.(reading(0.5, at, 'BTCUSDT'));
    expect(tracker.verdict(at)?.scope).toEqual({ kind: 'symbol', symbol: 'BTCUSDT' });
  });
});
