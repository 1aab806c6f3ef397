import { describe, expect, it } from 'vitest';
import { SeriesFeatures } from '../../../src/core/features/seriesFeatures.js';
import { confluenceContinuation } from '../../../src/core/models/confluence/continuation.js';
import { confluenceReversal } from '../../../src/core/models/confluence/reversal.js';
import { DEFAULT_MODEL_CONFIG } from '../../../src/core/models/modelConfig.js';
import { scanSymbol } from '../../../src/core/models/scanSymbol.js';
import { seedContinuation } from '../../../src/core/models/seed/continuation.js';
import { seedReversal } from '../../../src/core/models/seed/reversal.js';
import { scanSeed, seedIntervalsDueAt } from '../../../src/core/models/seed/scan.js';
import type { SymbolFeatures } from '../../../src/core/models/symbolFeatures.js';
import { klineEndMs, type Kline } from '../../../src/domain/kline.js';
import type { Candidate } from '../../../src/domain/signal.js';
import { loadKlines } from '../indicators/klineCsv.js';
import { END_MS, flat, series, windows } from './build.js';

const HOUR = 3_600_000;
const BOTH = [...flat(49, 100), { o: 105, c: 104 }]; // continuation LONG and reversal SHORT conditions both hold
const QUIET = flat(60, 100);

describe('seedIntervalsDueAt', () => {
  it('lists the intervals closing exactly at a 30m end, 1d first', () => {
    expect(seedIntervalsDueAt(END_MS), 'UTC midnight: all three').toEqual(['1d', '4h', '30m']);
    expect(seedIntervalsDueAt(END_MS + 4 * HOUR), '04:00: 4h and 30m').toEqual(['4h', '30m']);
    expect(seedIntervalsDueAt(END_MS + HOUR / 2), '00:30: 30m only').toEqual(['30m']);
  });
});

describe('scanSeed', () => {
  it('scores continuation first and does not try reversal when its conditions hold', () => {
    const f = series('30m', BOTH);
    expect(seedReversal(f)?.side, 'precondition: reversal alone would fire SHORT').toBe('SHORT');
    const out = scanSeed({ '1d': series('1d', QUIET), '4h': series('4h', QUIET), '30m': f });
    expect(out.map((c) => [c.interval, c.model, c.side]), 'only the continuation').toEqual([['30m', 'continuation', 'LONG']]);
  });

  it('orders 1d, 4h, 30m and skips intervals with a stale candle or fewer than 50 candles', () => {
    const all = windows(BOTH, BOTH, BOTH);
    expect(scanSeed(all).map((c) => c.interval), 'all due at midnight').toEqual(['1d', '4h', '30m']);
    const stale4h = { ...all, '4h': series('4h', BOTH, END_MS - 4 * HOUR) };
    expect(scanSeed(stale4h).map((c) => c.interval), '4h candle not ending now is not scored').toEqual(['1d', '30m']);
    const young1d = { ...all, '1d': series('1d', BOTH.slice(1)) };
    expect(young1d['1d'].count, 'precondition: 49 candles').toBe(49);
    expect(scanSeed(young1d).map((c) => c.interval), '49 candles are too few').toEqual(['4h', '30m']);
    const atHalfPast = windows(BOTH, BOTH, BOTH, END_MS + HOUR / 2);
    expect(scanSeed(atHalfPast).map((c) => c.interval), '00:30: only 30m is due').toEqual(['30m']);
  });

  it('is what scanSymbol returns for the seed profile', () => {
    const all = windows(BOTH, BOTH, BOTH);
    expect(scanSymbol('seed', all), 'same candidates').toEqual(scanSeed(all));
  });
});

describe('scanSymbol on a replay of real BTCUSDT candles (reading 2 order)', () => {
  it('matches the models called directly, continuation first, only when warm, with sane stops', () => {
    const m30 = loadKlines('BTCUSDT', '30m');
    const others: Kline[][] = [loadKlines('BTCUSDT', '1d'), loadKlines('BTCUSDT', '4h')];
    const w: SymbolFeatures = {
      '1d': new SeriesFeatures('BTCUSDT', '1d'),
      '4h': new SeriesFeatures('BTCUSDT', '4h'),
      '30m': new SeriesFeatures('BTCUSDT', '30m'),
    };
    const next = [0, 0];
    const counts = { confluence: 0, seed: 0, confluenceAt75: 0, seedAt75: 0, both: 0 };
    const check = (c: Candidate, atr: number): void => {
      const sign = c.side === 'LONG' ? 1 : -1;
      expect(c.score >= 0 && c.score <= 100, 'score in 0–100').toBe(true);
      expect(sign * (c.entry - c.stopLoss) >= 0, 'SL on the losing side').toBe(true);
      if (atr > 0 && c.model === 'continuation') expect(sign * (c.takeProfit - c.entry) > 0, 'TP on the winning side').toBe(true);
    };
    for (const k of m30) {
      const end = klineEndMs(k);
      others.forEach((list, i) => {
        const series = i === 0 ? w['1d'] : w['4h'];
        while ((next[i] as number) < list.length && klineEndMs(list[next[i] as number] as Kline) <= end) {
          series.add(list[next[i] as number] as Kline);
          next[i] = (next[i] as number) + 1;
        }
      });
      w['30m'].add(k);
      const confluence = scanSymbol('confluence', w);
      const warm = (['1d', '4h', '30m'] as const).every((i) => w[i].count >= DEFAULT_MODEL_CONFIG.confluenceMinCandles);
      const direct = warm ? [confluenceContinuation(w), confluenceReversal(w)].filter((c) => c !== null) : [];
      expect(confluence, `confluence at ${end}`).toEqual(direct);
      for (const c of confluence) {
        check(c, w['30m'].atr as number);
        expect(Object.values(c.breakdown).reduce((a, b) => a + b, 0), 'breakdown sums to the score').toBe(c.score);
        expect(c.endMs, 'signal on this 30m candle').toBe(end);
      }
      if (confluence.length === 2) counts.both += 1;
      counts.confluence += confluence.length;
      const seed = scanSymbol('seed', w);
      for (const c of seed) {
        expect(seedIntervalsDueAt(end), 'only due intervals').toContain(c.interval);
        expect(c.endMs, 'the interval candle ends now').toBe(end);
        expect(c, 'continuation first, else reversal').toEqual(seedContinuation(w[c.interval]) ?? seedReversal(w[c.interval]));
        check(c, w[c.interval].atr as number);
      }
      counts.seed += seed.length;
      counts.confluenceAt75 += confluence.filter((c) => c.score >= 75).length;
      counts.seedAt75 += seed.filter((c) => c.score >= 75).length;
    }
    expect(counts.confluence, 'the confluence models fire on real data').toBeGreaterThan(100);
    expect(counts.seed, 'the seed models fire on real data').toBeGreaterThan(10);
    expect(counts.both, 'both confluence models sometimes fire on one candle').toBeGreaterThan(0);
    console.info('replay BTCUSDT', counts);
  });
});
