import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Interval, Kline } from '../../../src/domain/kline.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));

/** Real candles from examples/klines (Binance CSV column order, with a header), oldest first. */
export function exampleKlines(symbol: string, interval: Interval): Kline[] {
  const text = readFileSync(`${EXAMPLES_DIR}${symbol}-${interval}.csv`, 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const c = line.split(',').map(Number);
      return {
        symbol,
        interval,
        openTimeMs: c[0]!,
        open: c[1]!,
        high: c[2]!,
        low: c[3]!,
        close: c[4]!,
        volume: c[5]!,
        closeTimeMs: c[6]!,
        quoteVolume: c[7]!,
        trades: c[8]!,
        closed: true,
      };
    });
}

/** A hand-made closed 30m candle ending at `endMs` for focused cases. */
export function candle30m(symbol: string, endMs: number, ohlc: { open: number; high: number; low: number; close: number }): Kline {
  return {
    symbol,
    interval: '30m',
    openTimeMs: endMs - 1_800_000,
    closeTimeMs: endMs - 1,
    ...ohlc,
    volume: 1,
    quoteVolume: 0,
    trades: 0,
    closed: true,
  };
}
