import { describe, expect, it } from 'vitest';
import { IntervalAligner } from '../../../src/core/align/intervalAligner.js';
import { INTERVAL_MS, type Interval, type Kline } from '../../../src/domain/kline.js';

const DAY = Date.UTC(2025, 0, 2);
const k = (interval: Interval, endMs: number): Kline => ({
  symbol: 'X', interval, openTimeMs: endMs - INTERVAL_MS[interval], closeTimeMs: endMs - 1,
  open: 1, high: 1, low: 1, close: 1, volume: 1, quoteVolume: 0, trades: 0, closed: true,
});
const tag = (ks: Kline[]) => ks.map((c) => `${c.interval}@${(c.closeTimeMs + 1 - DAY) / 60_000}`);

describe('IntervalAligner', () => {
  it('at a day boundary, the 30m candle waits for both the 4h and the 1d candle', () => {
    const a = new IntervalAligner();
    expect(tag(a.push(k('30m', DAY)))).toEqual([]);
    expect(tag(a.push(k('4h', DAY))), 'the 1d candle is still missing').toEqual(['4h@0']);
    expect(tag(a.push(k('1d', DAY)))).toEqual(['1d@0', '30m@0']);
  });

  it('keeps 30m order: a later candle never overtakes one that waits', () => {
    const a = new IntervalAligner();
    a.push(k('1d', DAY));
    expect(a.push(k('30m', DAY + 4 * 3_600_000))).toEqual([]);
    expect(a.push(k('30m', DAY + 4 * 3_600_000 + 1_800_000)), 'held behind the waiting one').toEqual([]);
    expect(tag(a.push(k('4h', DAY + 4 * 3_600_000)))).toEqual(['4h@240', '30m@240', '30m@270']);
  });

  it('a 30m candle off the 4h and 1d boundaries never waits, and release gives up the wait', () => {
    const a = new IntervalAligner();
    expect(tag(a.push(k('30m', DAY + 1_800_000)))).toEqual(['30m@30']);
    a.push(k('30m', DAY + 4 * 3_600_000));
    expect(tag(a.release('X'))).toEqual(['30m@240']);
    expect(a.pending('X')).toEqual([]);
  });
});
