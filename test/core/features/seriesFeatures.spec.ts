import { describe, expect, it } from 'vitest';
import { trueRange } from '../../../src/core/indicators/atr.js';
import { SeriesFeatures } from '../../../src/core/features/seriesFeatures.js';
import { DataError } from '../../../src/domain/errors.js';
import type { Kline } from '../../../src/domain/kline.js';
import { CSV_INTERVALS, loadKlines, relativeError, SYMBOLS } from '../indicators/klineCsv.js';

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Naive Bollinger of the 20 closes ending at index i. */
function naiveBands(closes: number[], i: number): { lower: number; upper: number; middle: number } {
  const window = closes.slice(i - 19, i + 1);
  const m = mean(window);
  const sd = Math.sqrt(mean(window.map((x) => (x - m) ** 2)));
  return { middle: m, upper: m + 2 * sd, lower: m - 2 * sd };
}

/** Naive Wilder ATR14 at index i with the first TR = h − l. */
function naiveAtr(klines: Kline[], i: number): number {
  const trs = klines.slice(0, i + 1).map((k, j) => trueRange(k, klines[j - 1]?.close));
  let atr = mean(trs.slice(0, 14));
  for (let j = 14; j <= i; j++) atr = (atr * 13 + (trs[j] as number)) / 14;
  return atr;
}

/** A small deterministic PRNG so the sampled points are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

function close(a: number | undefined, b: number, why: string): void {
  expect(a, `${why}: defined`).toBeTypeOf('number');
  expect(relativeError(a as number, b), why).toBeLessThanOrEqual(1e-9);
}

describe('SeriesFeatures equals a naive recomputation from the raw candles', () => {
  for (const symbol of SYMBOLS) {
    for (const interval of CSV_INTERVALS) {
      it(`${symbol} ${interval} at 25 random points`, () => {
        const klines = loadKlines(symbol, interval);
        const closes = klines.map((k) => k.close);
        const random = lcg(symbol.length * 7919 + interval.length);
        const points = new Set(Array.from({ length: 25 }, () => 60 + Math.floor(random() * (klines.length - 60))));
        const f = new SeriesFeatures(symbol, interval);
        klines.forEach((k, i) => {
          f.add(k);
          if (!points.has(i)) return;
          const at = `${symbol} ${interval} #${i}`;
          expect(f.count, `${at} count`).toBe(i + 1);
          expect(f.last, `${at} newest candle`).toBe(k);
          expect(f.previous, `${at} previous candle`).toBe(klines[i - 1]);
          expect(f.lastEndMs, `${at} end = close time + 1`).toBe(k.closeTimeMs + 1);
          close(f.smaFast, mean(closes.slice(i - 19, i + 1)), `${at} SMA20 includes the newest close`);
          close(f.smaSlow, mean(closes.slice(i - 49, i + 1)), `${at} SMA50`);
          close(f.volumeSma, mean(klines.slice(i - 19, i + 1).map((x) => x.volume)), `${at} volume SMA20`);
          close(f.smaFastBack(3), mean(closes.slice(i - 22, i - 2)), `${at} SMA20 three candles back`);
          const bands = naiveBands(closes, i);
          close(f.bands?.lower, bands.lower, `${at} lower band`);
          close(f.bands?.upper, bands.upper, `${at} upper band`);
          const prevBands = naiveBands(closes, i - 1);
          close(f.previousBands?.lower, prevBands.lower, `${at} previous close's own lower band`);
          close(f.previousBands?.upper, prevBands.upper, `${at} previous close's own upper band`);
          close(f.atr, naiveAtr(klines, i), `${at} Wilder ATR14 over every candle seen`);
          expect(f.closeBack(19), `${at} close 19 bars before the newest`).toBe(closes[i - 19]);
          expect(f.recentLows(), `${at} last 6 lows`).toEqual(klines.slice(i - 5, i + 1).map((x) => x.low));
          expect(f.recentHighs(), `${at} last 6 highs`).toEqual(klines.slice(i - 5, i + 1).map((x) => x.high));
        });
        expect(points.size, 'sampled some points').toBeGreaterThan(10);
      });
    }
  }
});

describe('SeriesFeatures guards', () => {
  const klines = loadKlines('BTCUSDT', '4h').slice(0, 60);

  it('counts closed candles for isWarm', () => {
    const f = new SeriesFeatures('BTCUSDT', '4h');
    klines.slice(0, 50).forEach((k) => f.add(k));
    expect(f.isWarm(51), '50 candles are not warm for 51').toBe(false);
    f.add(klines[50] as Kline);
    expect(f.isWarm(51), '51 candles are').toBe(true);
  });

  it('rejects forming, foreign and out-of-order candles with DataError and keeps its state', () => {
    const f = new SeriesFeatures('BTCUSDT', '4h');
    f.add(klines[0] as Kline);
    f.add(klines[1] as Kline);
    expect(() => f.add({ ...(klines[2] as Kline), closed: false }), 'forming').toThrow(DataError);
    expect(() => f.add({ ...(klines[2] as Kline), symbol: 'ETHUSDT' }), 'other symbol').toThrow(DataError);
    expect(() => f.add(klines[1] as Kline), 'duplicate').toThrow(DataError);
    expect(() => f.add(klines[0] as Kline), 'older').toThrow(DataError);
    expect(f.count, 'rejected candles are not counted').toBe(2);
    expect(f.last, 'newest unchanged').toBe(klines[1]);
  });
});
