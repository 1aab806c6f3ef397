import { describe, expect, it } from 'vitest';
import { confluenceContinuation, trendSide4h } from '../../../src/core/models/confluence/continuation.js';
import { DEFAULT_MODEL_CONFIG } from '../../../src/core/models/modelConfig.js';
import type { Side } from '../../../src/domain/signal.js';
import { END_MS, flat, mirror, nextDown, nextUp, series, windows, type Bar } from './build.js';

// 1d: SMA50 = 104, SMA20 = 110, close 110 (full trend).
const D1_FULL = [...flat(31, 100), ...flat(20, 110)];
// close 200 > SMA50 98.2 but SMA20 95.5 < SMA50: close-only trend.
const D1_PARTIAL = [...flat(31, 100), ...flat(19, 90), { c: 200 }];
// SMA20 = SMA50 = 101 exactly, close 120: "SMA20 > SMA50" is strict.
const D1_EQUAL_SMAS = [...flat(31, 101), ...flat(19, 100), { c: 120 }];
// close = SMA50 = 100: "close > SMA50" is strict.
const D1_AT_SMA50 = flat(51, 100);
// 4h: SMA50 104, SMA20 110, SMA20 three candles back 108.5 (rising).
const H4_RISING = [...flat(31, 100), ...flat(20, 110)];
// SMA20 now = SMA20 three candles back = 110 ("higher" is strict); still LONG (SMA50 104.6).
const H4_FLAT_SMA20 = [...flat(28, 100), ...flat(23, 110)];
// 30m: SMA20 100.1; the earlier lows (100) touch, close 102 > open 100, > previous high 100, volume 30 > 11.
const LAST: Bar = { o: 100, h: 102, l: 100, c: 102, v: 30 };
const M30_FULL = [...flat(50, 100), LAST];

const SIDES: readonly Side[] = ['LONG', 'SHORT'];
const forSide = (side: Side, bars: readonly Bar[]): Bar[] => (side === 'LONG' ? [...bars] : mirror(bars));
const score = (side: Side, d1: Bar[], h4: Bar[], m30: Bar[]) =>
  confluenceContinuation(windows(forSide(side, d1), forSide(side, h4), forSide(side, m30)));

describe('confluence continuation', () => {
  for (const side of SIDES) {
    describe(side, () => {
      it('gives every component its full points, entry at the 30m close and 3× / 6× ATR stops', () => {
        const w = windows(forSide(side, D1_FULL), forSide(side, H4_RISING), forSide(side, M30_FULL));
        const c = confluenceContinuation(w);
        const atr = w['30m'].atr as number;
        const sign = side === 'LONG' ? 1 : -1;
        expect(c?.side, '4h trend decides the side').toBe(side);
        expect(c?.breakdown, 'all five components').toEqual({ daily: 25, slope: 20, pullback: 30, volume: 15, breakout: 10 });
        expect(c?.score, 'score is the sum').toBe(100);
        expect(c?.entry, 'entry is the 30m close').toBe(w['30m'].last?.close);
        expect(c?.stopLoss, 'SL 3 ATR against the trade').toBe((c?.entry as number) - sign * 3 * atr);
        expect(c?.takeProfit, 'TP 6 ATR with the trade').toBe((c?.entry as number) + sign * 6 * atr);
        expect(c?.interval, 'signal interval').toBe('30m');
        expect(c?.endMs, 'endMs = close time + 1').toBe(END_MS);
        expect(c?.openTimeMs, 'open time of the signal candle').toBe(END_MS - 1_800_000);
        expect(c?.model, 'model name').toBe('continuation');
      });

      it('daily: 15 when only the close is beyond SMA50, 15 when SMA20 equals SMA50, 0 at SMA50', () => {
        expect(score(side, D1_PARTIAL, H4_RISING, M30_FULL)?.breakdown.daily, 'close-only trend').toBe(15);
        expect(score(side, D1_EQUAL_SMAS, H4_RISING, M30_FULL)?.breakdown.daily, 'SMA20 = SMA50 is not beyond').toBe(15);
        expect(score(side, D1_AT_SMA50, H4_RISING, M30_FULL)?.breakdown.daily, 'close = SMA50 is not beyond').toBe(0);
      });

      it('slope: 0 when SMA20(4h) equals its value three candles earlier', () => {
        const w = windows(forSide(side, D1_FULL), forSide(side, H4_FLAT_SMA20), forSide(side, M30_FULL));
        expect(w['4h'].smaFast, 'precondition: SMA20 unchanged over 3 candles').toBe(w['4h'].smaFastBack(3));
        expect(confluenceContinuation(w)?.breakdown.slope, 'equal is not higher').toBe(0);
      });

      it('pullback: only the last 6 candles count, the signal candle included', () => {
        const noTouch = [...flat(45, 100), ...flat(5, 110), { o: 110, h: 112, l: 110, c: 112, v: 30 }];
        expect(score(side, D1_FULL, H4_RISING, noTouch)?.breakdown.pullback, 'touch 7 candles back is too old: 15').toBe(15);
        const touchSixBack = [...flat(44, 100), { c: 100 }, ...flat(4, 110), { o: 110, h: 112, l: 110, c: 112, v: 30 }];
        expect(score(side, D1_FULL, H4_RISING, touchSixBack)?.breakdown.pullback, 'touch 6 candles back (oldest of the 6): 30').toBe(30);
        const touchNow = [...flat(45, 100), ...flat(5, 110), { o: 110, h: 112, l: 100, c: 112, v: 30 }];
        expect(score(side, D1_FULL, H4_RISING, touchNow)?.breakdown.pullback, 'the signal candle itself may touch').toBe(30);
      });

      it('pullback: the touch is inclusive at SMA20 × 1.002 (SHORT: high ≥ SMA20 × 0.998)', () => {
        const base = forSide(side, [...flat(45, 100), ...flat(5, 110), { o: 110, h: 112, l: 110, c: 112, v: 30 }]);
        const sma = series('30m', base).smaFast as number;
        const edge = side === 'LONG' ? sma * 1.002 : sma * 0.998;
        const withEdge = (x: number): Bar[] => base.map((b, i) => (i === 45 ? (side === 'LONG' ? { ...b, l: x } : { ...b, h: x }) : b));
        const justOutside = side === 'LONG' ? nextUp(edge) : nextDown(edge);
        const at = confluenceContinuation(windows(forSide(side, D1_FULL), forSide(side, H4_RISING), withEdge(edge)));
        const beyond = confluenceContinuation(windows(forSide(side, D1_FULL), forSide(side, H4_RISING), withEdge(justOutside)));
        expect(at?.breakdown.pullback, 'exactly at the tolerance touches').toBe(30);
        expect(beyond?.breakdown.pullback, 'one ulp outside does not').toBe(15);
      });

      it('pullback: 15 without the resume (close = open), 0 when the close equals SMA20', () => {
        const noResume = [...flat(50, 100), { o: 102, h: 102, l: 100, c: 102, v: 30 }];
        expect(score(side, D1_FULL, H4_RISING, noResume)?.breakdown.pullback, 'close = open is not a resume').toBe(15);
        const atSma = [...flat(50, 100), { o: 99, c: 100, v: 30 }];
        const w = windows(forSide(side, D1_FULL), forSide(side, H4_RISING), forSide(side, atSma));
        expect(w['30m'].smaFast, 'precondition: close = SMA20').toBe(w['30m'].last?.close);
        expect(confluenceContinuation(w)?.breakdown.pullback, 'close = SMA20 is not beyond').toBe(0);
      });

      it('volume: 0 when volume equals its SMA20 (which includes the current candle)', () => {
        const sameVolume = [...flat(50, 100), { ...LAST, v: 10 }];
        expect(score(side, D1_FULL, H4_RISING, sameVolume)?.breakdown.volume, 'equal is not above').toBe(0);
        const inclusive = [...flat(50, 100, 10), { ...LAST, v: 10.5 }];
        const w = windows(D1_FULL, H4_RISING, inclusive);
        expect(w['30m'].volumeSma, 'precondition: SMA20 includes the 10.5').toBe(10.025);
        expect(score(side, D1_FULL, H4_RISING, inclusive)?.breakdown.volume, '10.5 > 10.025').toBe(15);
      });

      it('breakout: 0 when the close equals the previous high (SHORT: low)', () => {
        const equalHigh = [...flat(49, 100), { c: 100, h: 102 }, LAST];
        expect(score(side, D1_FULL, H4_RISING, equalHigh)?.breakdown.breakout, 'equal is not beyond').toBe(0);
      });
    });
  }

  it('no 4h direction, no candidate: close at SMA50, or close and SMA20 on opposite sides of it', () => {
    expect(trendSide4h(series('4h', flat(51, 100))), 'flat 4h').toBeNull();
    const mixed = [...flat(31, 110), ...flat(19, 90), { c: 200 }];
    expect(trendSide4h(series('4h', mixed)), 'close above, SMA20 below SMA50').toBeNull();
    expect(confluenceContinuation(windows(D1_FULL, mixed, M30_FULL)), 'no direction').toBeNull();
    expect(confluenceContinuation(windows(D1_FULL, H4_RISING, flat(10, 100))), '30m indicators not stable yet').toBeNull();
  });

  it('takes its multipliers and points from config', () => {
    const config = { ...DEFAULT_MODEL_CONFIG.continuation, stopAtr: 1, volumePoints: 7 };
    const w = windows(D1_FULL, H4_RISING, M30_FULL);
    const c = confluenceContinuation(w, config);
    expect(c?.stopLoss, 'custom stop multiplier').toBe(102 - (w['30m'].atr as number));
    expect(c?.score, 'custom volume points').toBe(92);
  });
});
