import { klineEndMs, type Interval, type Kline } from '../../domain/kline.js';
import type { BuyAndHold, PriceSeries, ReportMarket, WarmUp } from './metricsTypes.js';
import { round } from './numbers.js';

/** The candles a run replayed, per symbol (the backtest's loaded data, before `--from`/`--to`). */
export interface MarketInput {
  readonly symbols: readonly { readonly symbol: string; readonly series: Readonly<Record<Interval, readonly Kline[]>> }[];
  /** Closed candles per interval before a symbol is scored (DEFAULT_WARM_CANDLES). */
  readonly warmCandles: number;
}

/** Points of a price line at most: enough for a 960 px chart, small enough for report.json. */
export const PRICE_POINTS = 500;

const INTERVALS: readonly Interval[] = ['1d', '4h', '30m'];

function inRange(series: readonly Kline[], fromMs: number, toMs: number): Kline[] {
  return series.filter((k) => klineEndMs(k) > fromMs && klineEndMs(k) <= toMs);
}

function buyAndHold(symbol: string, candles: readonly Kline[]): BuyAndHold | null {
  const first = candles[0];
  const last = candles.at(-1);
  if (first === undefined || last === undefined || first.close <= 0) return null;
  return {
    symbol, fromMs: klineEndMs(first), toMs: klineEndMs(last), firstClose: round(first.close), lastClose: round(last.close),
    returnPct: round(((last.close - first.close) / first.close) * 100),
  };
}

function priceSeries(symbol: string, candles: readonly Kline[]): PriceSeries {
  const step = Math.max(1, Math.ceil(candles.length / PRICE_POINTS));
  const points = candles.filter((_, i) => i % step === 0 || i === candles.length - 1).map((k) => ({ atMs: klineEndMs(k), close: round(k.close) }));
  return { symbol, step, points };
}

/** The end of the candle that gave every interval `n` closed candles; null when the data never does. */
function warmAtMs(series: Readonly<Record<Interval, readonly Kline[]>>, n: number): number | null {
  let at = Number.NEGATIVE_INFINITY;
  for (const interval of INTERVALS) {
    const k = series[interval][n - 1];
    if (k === undefined) return null;
    at = Math.max(at, klineEndMs(k));
  }
  return at;
}

function warmUp(input: MarketInput, fromMs: number, toMs: number, firstTradeMs: number | null): WarmUp {
  const bySymbol = input.symbols.map(({ symbol, series }) => {
    const at = warmAtMs(series, input.warmCandles);
    return { symbol, readyMs: at === null || Math.max(at, fromMs) > toMs ? null : Math.max(at, fromMs) };
  });
  const ready = bySymbol.flatMap((s) => (s.readyMs === null ? [] : [s.readyMs]));
  return { candles: input.warmCandles, bySymbol, readyMs: ready.length === 0 ? null : Math.min(...ready), firstTradeMs };
}

/**
 * Buy and hold per symbol (first to last 30m close whose candle ends in (fromMs, toMs]), a thinned
 * 30m price line per symbol for the chart, and the warm-up. Symbols in the order given (sorted by
 * the loader). Without `input` (a report built from a database alone) every part is empty.
 */
export function marketContext(input: MarketInput | undefined, fromMs: number, toMs: number, firstTradeMs: number | null): ReportMarket {
  if (input === undefined) return { buyAndHold: [], prices: [], warmUp: null };
  const ranged = input.symbols.map((s) => ({ symbol: s.symbol, candles: inRange(s.series['30m'], fromMs, toMs) }));
  return {
    buyAndHold: ranged.flatMap((s) => buyAndHold(s.symbol, s.candles) ?? []),
    prices: ranged.filter((s) => s.candles.length > 0).map((s) => priceSeries(s.symbol, s.candles)),
    warmUp: warmUp(input, fromMs, toMs, firstTradeMs),
  };
}
