import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Interval, Kline } from '../../../../src/domain/kline.js';

const DIR = fileURLToPath(new URL('../../../../examples/klines/', import.meta.url));
const cache = new Map<string, Kline[]>();

/** Real closed candles of examples/klines/<symbol>-<interval>.csv (Binance column order). */
export function exampleKlines(symbol: string, interval: Interval): Kline[] {
  const key = `${symbol}-${interval}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const lines = readFileSync(`${DIR}${key}.csv`, 'utf8').trim().split('\n').slice(1);
  const out = lines.map((line): Kline => {
    const c = line.split(',').map(Number);
    return {
      symbol, interval,
      openTimeMs: c[0]!, open: c[1]!, high: c[2]!, low: c[3]!, close: c[4]!, volume: c[5]!,
      closeTimeMs: c[6]!, quoteVolume: c[7]!, trades: c[8]!, closed: true,
    };
  });
  cache.set(key, out);
  return out;
}

/** A forming version of a candle: what a socket sends before the close (different close/volume). */
export function formingOf(k: Kline): Kline {
  return { ...k, close: k.open, high: Math.max(k.open, k.low), volume: k.volume / 2, closed: false };
}
