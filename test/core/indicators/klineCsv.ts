import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Interval, Kline } from '../../../src/domain/kline.js';

/** The example data shipped with the repo (examples/klines), never ../shared. */
export const KLINES_DIR = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));
export const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const;
export const CSV_INTERVALS: readonly Interval[] = ['30m', '4h', '1d'];

/** Reads one Binance-order CSV (with header) into closed klines, oldest first. */
export function loadKlines(symbol: string, interval: Interval): Kline[] {
  const text = readFileSync(`${KLINES_DIR}${symbol}-${interval}.csv`, 'utf8');
  const rows = text.trim().split('\n').slice(1);
  return rows.map((row) => {
    const f = row.split(',').map(Number);
    return {
      symbol,
      interval,
      openTimeMs: f[0]!,
      open: f[1]!,
      high: f[2]!,
      low: f[3]!,
      close: f[4]!,
      volume: f[5]!,
      closeTimeMs: f[6]!,
      quoteVolume: f[7]!,
      trades: f[8]!,
      closed: true,
    };
  });
}

/** |a − b| / max(|a|, |b|), 0 when both are 0. */
export function relativeError(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}
