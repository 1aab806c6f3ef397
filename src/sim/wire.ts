import type { Interval } from '../domain/index.js';
import type { SimCandle } from './series.js';

/** Tick and step decimals of a symbol: prices and quantities are printed with exactly these. */
export interface WirePrecision {
  readonly priceDecimals: number;
  readonly quantityDecimals: number;
}

/** Prints a value whose decimals are not fixed by a filter (quote volumes): shortest exact form, never exponent notation. */
export function formatFree(value: number): string {
  if (value === 0) return '0';
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(8) : text;
}

/** A 12-element `GET /fapi/v1/klines` row: times and trade count as numbers, everything else as strings. */
export type RestKlineRow = [number, string, string, string, string, string, number, string, number, string, string, string];

/** Formats one candle as Binance's REST kline row (B1). */
export function restKlineRow(c: SimCandle, p: WirePrecision): RestKlineRow {
  return [
    c.openTimeMs,
    c.open.toFixed(p.priceDecimals),
    c.high.toFixed(p.priceDecimals),
    c.low.toFixed(p.priceDecimals),
    c.close.toFixed(p.priceDecimals),
    c.volume.toFixed(p.quantityDecimals),
    c.closeTimeMs,
    formatFree(c.quoteVolume),
    c.trades,
    c.takerBuyVolume.toFixed(p.quantityDecimals),
    formatFree(c.takerBuyQuoteVolume),
    '0',
  ];
}

/**
 * The JSON text of a raw kline event (A3), keys in Binance's order. `E` is the simulated event
 * time; `f`/`L` are −1 when the candle has no trades (the CSV data carries no trade ids).
 */
export function klineEventJson(symbol: string, interval: Interval, c: SimCandle, closed: boolean, eventTimeMs: number, p: WirePrecision): string {
  return JSON.stringify({
    e: 'kline',
    E: eventTimeMs,
    s: symbol,
    k: {
      t: c.openTimeMs,
      T: c.closeTimeMs,
      s: symbol,
      i: interval,
      f: c.trades > 0 ? 1 : -1,
      L: c.trades > 0 ? c.trades : -1,
      o: c.open.toFixed(p.priceDecimals),
      c: c.close.toFixed(p.priceDecimals),
      h: c.high.toFixed(p.priceDecimals),
      l: c.low.toFixed(p.priceDecimals),
      v: c.volume.toFixed(p.quantityDecimals),
      n: c.trades,
      x: closed,
      q: formatFree(c.quoteVolume),
      V: c.takerBuyVolume.toFixed(p.quantityDecimals),
      Q: formatFree(c.takerBuyQuoteVolume),
      B: '0',
    },
  });
}

/** Wraps a raw event for a combined stream: `{"stream":…,"data":…}` (A2). */
export function combinedFrame(stream: string, rawJson: string): string {
  return `{"stream":${JSON.stringify(stream)},"data":${rawJson}}`;
}

/** Binance's REST error body `{"code":…,"msg":…}`. */
export function errorBody(code: number, msg: string): string {
  return JSON.stringify({ code, msg });
}
