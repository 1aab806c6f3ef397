import { describe, expect, it } from 'vitest';
import { seedContinuation } from '../../../src/core/models/seed/continuation.js';
import { seedReversal } from '../../../src/core/models/seed/reversal.js';
import type { Interval } from '../../../src/domain/kline.js';
import type { Side } from '../../../src/domain/signal.js';
import { alternate, flat, mirror, series, type Bar } from './build.js';

const SIDES: readonly Side[] = ['LONG', 'SHORT'];
const forSide = (side: Side, bars: readonly Bar[]): Bar[] => (side === 'LONG' ? [...bars] : mirror(bars));
const INTERVALS_UNDER_TEST: readonly Interval[] = ['1d', '4h', '30m'];

describe('seed continuation', () => {
  for (const side of SIDES) {
    const sign = side === 'LONG' ? 1 : -1;
    it(`${side}: fires beyond SMA20 × 1.01 with a 19-bar move beyond 2 %, score 70 + |move| × 100, stops 2× / 3× ATR`, () => {
      for (const interval of INTERVALS_UNDER_TEST) {
        const f = series(interval, forSide(side, [...flat(49, 100), { o: 100, c: 104 }]));
        const c = seedContinuation(f);
        const move = ((f.last?.close as number) - (f.closeBack(19) as number)) / (f.closeBack(19) as number);
        expect(c?.side, `${interval}: side`).toBe(side);
        expect(c?.interval, 'scored on its own interval').toBe(interval);
        expect(c?.score, `${interval}: 70 + 4`).toBe(Math.min(100, 70 + Math.abs(move) * 100));
        expect(c?.score, 'about 74').toBeCloseTo(74, 9);
        expect(c?.stopLoss, 'SL 2 ATR').toBe((c?.entry as number) - sign * 2 * (f.atr as number));
        expect(c?.takeProfit, 'TP 3 ATR').toBe((c?.entry as number) + sign * 3 * (f.atr as number));
        expect(c?.breakdown.base, 'breakdown base').toBe(70);
      }
    });

    it(`${side}: a move of exactly 2 % does not fire (strict); the score caps at 100`, () => {
      expect(seedContinuation(series('4h', forSide(side, [...flat(49, 100), { o: 101, c: 102 }]))), 'move = 0.02').toBeNull();
      const big = seedContinuation(series('4h', forSide(side, [...flat(49, 100), { o: 100, c: 150 }])));
      expect(big?.score, '|move| 50 % caps at 100').toBe(100);
    });

    it(`${side}: the move is measured against the close 19 bars before the newest`, () => {
      // 20 bars back sits at 50 (a 108 % move), 19 bars back at 100 (a 1.5 % move): only the latter counts.
      const bars = [...flat(30, 100), { c: 50 }, ...flat(19, 100), { o: 100, c: 101.5 }];
      const f = series('30m', forSide(side, bars));
      expect(f.closeBack(19), 'precondition: 100 mirrors to itself').toBe(100);
      expect(seedContinuation(f), '1.5 % is below 2 %').toBeNull();
    });
  }

  it('needs the close beyond SMA20 × 1.01 even with a big move', () => {
    // 19 bars back at 90, then a climb to 100 with the newest at SMA20 level: move 11 %, close ≈ SMA20.
    const bars = [...flat(30, 90), ...flat(20, 100)];
    expect(seedContinuation(series('1d', bars)), 'close = SMA20 is not 1 % above').toBeNull();
  });
});

describe('seed reversal', () => {
  for (const side of SIDES) {
    const sign = side === 'LONG' ? 1 : -1;
    it(`${side}: beyond the band with a candle in the reversal direction; TP = SMA20, SL 1.5 ATR`, () => {
      const f = series('4h', forSide(side, [...alternate(49, 99, 101), { o: 89, c: 90 }]));
      const bands = f.bands;
      const close = f.last?.close as number;
      const beyond = side === 'LONG' ? (bands?.lower as number) - close : close - (bands?.upper as number);
      const c = seedReversal(f);
      expect(beyond > 0, 'precondition: close beyond the band').toBe(true);
      expect(c?.side, 'side').toBe(side);
      expect(c?.model, 'model').toBe('reversal');
      expect(c?.score, '65 + 200 × beyond / close').toBe(Math.min(100, 65 + (200 * beyond) / close));
      expect(c?.takeProfit, 'TP is the middle band').toBe(bands?.middle);
      expect(c?.stopLoss, 'SL 1.5 ATR').toBe(close - sign * 1.5 * (f.atr as number));
    });

    it(`${side}: no signal on a candle against the reversal direction or with close = open; caps at 100`, () => {
      expect(seedReversal(series('4h', forSide(side, [...alternate(49, 99, 101), { o: 91, c: 90 }]))), 'wrong colour').toBeNull();
      expect(seedReversal(series('4h', forSide(side, [...alternate(49, 99, 101), { o: 90, c: 90 }]))), 'doji').toBeNull();
      const deep = seedReversal(series('4h', forSide(side, [...alternate(49, 99, 101), { o: 20, c: 30 }])));
      expect(deep?.score, 'far beyond: capped').toBe(100);
    });
  }

  it('a close exactly on the band is not beyond it (flat window: lower = upper = close)', () => {
    expect(seedReversal(series('30m', [...flat(49, 100), { o: 99, c: 100 }])), 'close = lower').toBeNull();
  });
});
