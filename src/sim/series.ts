import { INTERVAL_MS, type Interval } from '../domain/index.js';
import type { KlineTable } from '../csv/klineCsv.js';

/** One full candle as the simulated exchange knows it (all Binance columns, numeric). */
export interface SimCandle {
  readonly openTimeMs: number;
  readonly closeTimeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly quoteVolume: number;
  readonly trades: number;
  readonly takerBuyVolume: number;
  readonly takerBuyQuoteVolume: number;
}

/**
 * A gap-free candle series with random access by index: row `i` opens at
 * `firstOpenTimeMs + i × interval`. CSV tables and synthetic symbols both implement it, so the
 * market does not care where candles come from.
 */
export interface CandleSeries {
  readonly symbol: string;
  readonly interval: Interval;
  readonly firstOpenTimeMs: number;
  readonly length: number;
  /** Digits after the point of prices (tick size 10^-priceDecimals). */
  readonly priceDecimals: number;
  /** Digits after the point of quantities (step size 10^-quantityDecimals). */
  readonly quantityDecimals: number;
  candle(index: number): SimCandle;
}

/** Wraps a CSV table as a {@link CandleSeries}; decimals may be widened to the symbol's widest. */
export function tableSeries(table: KlineTable, priceDecimals = table.priceDecimals, quantityDecimals = table.quantityDecimals): CandleSeries {
  const stepMs = INTERVAL_MS[table.interval];
  return {
    symbol: table.symbol,
    interval: table.interval,
    firstOpenTimeMs: table.openTimeMs[0] ?? 0,
    length: table.length,
    priceDecimals,
    quantityDecimals,
    candle(index: number): SimCandle {
      const t = table.openTimeMs[index] as number;
      return {
        openTimeMs: t, closeTimeMs: t + stepMs - 1,
        open: table.open[index] as number, high: table.high[index] as number,
        low: table.low[index] as number, close: table.close[index] as number,
        volume: table.volume[index] as number, quoteVolume: table.quoteVolume[index] as number,
        trades: table.trades[index] as number,
        takerBuyVolume: table.takerBuyVolume[index] as number,
        takerBuyQuoteVolume: table.takerBuyQuoteVolume[index] as number,
      };
    },
  };
}

/** Index of the newest candle whose end is ≤ `nowMs` (−1 when none closed yet). */
export function lastClosedIndex(series: CandleSeries, nowMs: number): number {
  const stepMs = INTERVAL_MS[series.interval];
  const passed = Math.floor((nowMs - series.firstOpenTimeMs) / stepMs) - 1;
  return Math.min(series.length - 1, Math.max(-1, passed));
}

/** Index of the candle containing `nowMs` (open ≤ now < end), or −1 outside the data. */
export function formingIndex(series: CandleSeries, nowMs: number): number {
  const index = Math.floor((nowMs - series.firstOpenTimeMs) / INTERVAL_MS[series.interval]);
  return index >= 0 && index < series.length ? index : -1;
}

/** Index of the first candle opening at or after `timeMs` (may equal `length`). */
export function indexAtOrAfter(series: CandleSeries, timeMs: number): number {
  const index = Math.ceil((timeMs - series.firstOpenTimeMs) / INTERVAL_MS[series.interval]);
  return Math.min(series.length, Math.max(0, index));
}

/** Index of the last candle opening at or before `timeMs` (may be −1). */
export function indexAtOrBefore(series: CandleSeries, timeMs: number): number {
  const index = Math.floor((timeMs - series.firstOpenTimeMs) / INTERVAL_MS[series.interval]);
  return Math.min(series.length - 1, Math.max(-1, index));
}
