import type { Kline } from '../../../src/domain/kline.js';

export const HALF_HOUR_MS = 1_800_000;
export const HOUR_MS = 3_600_000;
/** 2025-06-02T00:00Z: a Monday, on every 30m, 4h and 1d boundary. */
export const T0 = Date.UTC(2025, 5, 2);

/** A hand-made closed 30m candle ending at `endMs` (Binance close time = end − 1). */
export function candleEnding(symbol: string, endMs: number, ohlc: { open?: number; high: number; low: number; close?: number }): Kline {
  const open = ohlc.open ?? (ohlc.high + ohlc.low) / 2;
  return {
    symbol, interval: '30m', openTimeMs: endMs - HALF_HOUR_MS, closeTimeMs: endMs - 1, open, high: ohlc.high, low: ohlc.low,
    close: ohlc.close ?? open, volume: 10, quoteVolume: 0, trades: 0, closed: true,
  };
}

/** A quiet candle around 100 (no stop or target near it). */
export function quietCandle(symbol: string, endMs: number): Kline {
  return candleEnding(symbol, endMs, { high: 100.5, low: 99.5 });
}
