import type { CandleStep } from '../../../src/core/desk/candleStep.js';
import { newCandleStep } from '../../../src/core/desk/candleStep.js';
import { SeriesFeatures } from '../../../src/core/features/seriesFeatures.js';
import type { SymbolFeatures } from '../../../src/core/models/symbolFeatures.js';
import { INTERVALS, klineEndMs, type Interval, type Kline } from '../../../src/domain/kline.js';
import { exampleSeries } from '../../backtest/support/exampleCandles.js';

/**
 * Features an operator must not read: reading an interval throws, so a spec fails loudly if, say, a cold
 * symbol or one with an open trade gets scanned.
 */
export const UNREAD_FEATURES: SymbolFeatures = new Proxy({} as SymbolFeatures, {
  get(target, key) {
    if (key === '1d' || key === '4h' || key === '30m') throw new Error(`features.${key} read`);
    return Reflect.get(target, key);
  },
});

/** A step on `kline` with features that must not be read, the other parts overridable. */
export function stepOn(kline: Kline, parts: Partial<Omit<CandleStep, 'kline'>> = {}): CandleStep {
  return { ...newCandleStep(kline, UNREAD_FEATURES, parts.warm ?? true), ...parts };
}

/** Real features of a symbol after every example candle ending at or before `endMs`, and its 30m candle ending then. */
export function exampleFeaturesAt(symbol: string, endMs: number): { features: SymbolFeatures; kline: Kline } {
  const out = {} as Record<Interval, SeriesFeatures>;
  for (const interval of INTERVALS) {
    const series = new SeriesFeatures(symbol, interval);
    for (const k of exampleSeries(symbol, interval)) if (klineEndMs(k) <= endMs) series.add(k);
    out[interval] = series;
  }
  const kline = out['30m'].last;
  if (kline === undefined || klineEndMs(kline) !== endMs) throw new Error(`no ${symbol} 30m candle ends at ${endMs}`);
  return { features: out, kline };
}

/**
 * Walks a symbol's example candles from `fromMs` and stops at the first 30m candle on which a scan
 * with `scan` finds something: real, warm features with candidates, without hard-coding when.
 */
export function firstScanWithCandidates(symbol: string, fromMs: number, scan: (f: SymbolFeatures) => readonly unknown[]): { features: SymbolFeatures; kline: Kline } {
  const features = {} as Record<Interval, SeriesFeatures>;
  for (const interval of INTERVALS) features[interval] = new SeriesFeatures(symbol, interval);
  const all = INTERVALS.flatMap((i) => exampleSeries(symbol, i)).sort((a, b) => klineEndMs(a) - klineEndMs(b) || INTERVALS.indexOf(a.interval) - INTERVALS.indexOf(b.interval));
  for (const k of all) {
    features[k.interval].add(k);
    if (k.interval === '30m' && klineEndMs(k) > fromMs && scan(features).length > 0) return { features, kline: k };
  }
  throw new Error(`no ${symbol} scan with candidates after ${fromMs}`);
}
