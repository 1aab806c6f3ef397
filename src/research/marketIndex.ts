import { WilderAtr, type FirstTrueRange } from '../core/indicators/atr.js';
import { INTERVALS, klineEndMs, type Interval, type Kline } from '../domain/kline.js';
import { RangeExtremes } from './rangeExtremes.js';

/** One symbol and interval of the replayed data, with the ATR the models saw on each candle. */
export interface IndexedSeries {
  readonly candles: readonly Kline[];
  /** Candle ends, ascending: binary search by event time. */
  readonly ends: readonly number[];
  /** ATR after each candle, run over the whole series as the live windows do; undefined in the warm-up. */
  readonly atr: readonly (number | undefined)[];
  /** Lows and highs for skipping to the candle that decides a trade (30m series only: the tracked ones). */
  readonly extremes?: RangeExtremes;
}

/**
 * The replayed candles of a run (none ending after `toMs`), indexed for random entries: every
 * series with its ATR, each symbol's 30m candles for the outcome tracker. Built once per command.
 */
export interface MarketIndex {
  readonly fromMs: number;
  readonly toMs: number;
  series(symbol: string, interval: Interval): IndexedSeries | undefined;
  /**
   * When the symbol is warm (MODELS.md): the end of the candle that gives every interval with data
   * its `warmUpCandles`-th closed candle. No model trades before it, so no random entry does either.
   */
  warmFromMs(symbol: string): number;
}

export interface MarketIndexInput {
  readonly series: ReadonlyMap<string, Readonly<Record<Interval, readonly Kline[]>>>;
  /** Candles ending at or before this only warm the indicators: no entry there. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly atrPeriod: number;
  readonly atrFirstTrueRange: FirstTrueRange;
  /** Closed candles each interval needs before a scan (ModelConfig.confluenceMinCandles, 51). */
  readonly warmUpCandles: number;
}

function indexSeries(klines: readonly Kline[], toMs: number, atrPeriod: number, first: FirstTrueRange): IndexedSeries {
  const candles = klines.filter((k) => klineEndMs(k) <= toMs);
  const indicator = new WilderAtr(atrPeriod, first);
  const atr = candles.map((k) => {
    indicator.add(k);
    return indicator.value;
  });
  return { candles, ends: candles.map(klineEndMs), atr, extremes: candles[0]?.interval === '30m' ? new RangeExtremes(candles) : undefined };
}

export function buildMarketIndex({ series, fromMs, toMs, atrPeriod, atrFirstTrueRange, warmUpCandles }: MarketIndexInput): MarketIndex {
  const built = new Map<string, IndexedSeries>();
  const warm = new Map<string, number>();
  for (const [symbol, bySymbol] of series) {
    let warmMs = Number.NEGATIVE_INFINITY;
    for (const interval of INTERVALS) {
      const indexed = indexSeries(bySymbol[interval], toMs, atrPeriod, atrFirstTrueRange);
      built.set(`${symbol}/${interval}`, indexed);
      if (indexed.ends.length > 0) warmMs = Math.max(warmMs, indexed.ends[warmUpCandles - 1] ?? Number.POSITIVE_INFINITY);
    }
    warm.set(symbol, warmMs);
  }
  return {
    fromMs, toMs, series: (symbol, interval) => built.get(`${symbol}/${interval}`), warmFromMs: (symbol) => warm.get(symbol) ?? Number.POSITIVE_INFINITY,
  };
}

/** Index of the first element of ascending `values` greater than `value` (values.length when none). */
export function firstAfter(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
