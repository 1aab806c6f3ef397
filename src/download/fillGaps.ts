import { INTERVAL_MS, type Kline } from '../domain/index.js';
import type { LastRow } from './klineCsvAppender.js';

/** Rows to append and how many of them were made up to close gaps. */
export interface FilledRows {
  readonly rows: Kline[];
  readonly filled: number;
}

/**
 * Closes holes in the exchange's history (a missing candle during an outage) with flat candles:
 * open = high = low = close = the previous close, volume, quote volume and trades 0. The CSV
 * format of this project is gapless (`parseKlineCsv` rejects a gap), so a hole would make the
 * whole file unreadable; a flat zero-volume candle is the usual stand-in (freqtrade fills the
 * same way) and is counted and logged so it never passes unseen. Nothing is filled before the
 * first row of a series: a symbol listed after `--from` simply starts later.
 */
export function fillGaps(previous: LastRow | undefined, klines: readonly Kline[]): FilledRows {
  const rows: Kline[] = [];
  let filled = 0;
  let last = previous;
  for (const k of klines) {
    const stepMs = INTERVAL_MS[k.interval];
    if (last !== undefined) {
      for (let t = last.openTimeMs + stepMs; t < k.openTimeMs; t += stepMs) {
        const price = last.close;
        rows.push({
          symbol: k.symbol, interval: k.interval, openTimeMs: t, closeTimeMs: t + stepMs - 1,
          open: price, high: price, low: price, close: price, volume: 0, quoteVolume: 0, trades: 0, closed: true,
        });
        filled += 1;
      }
    }
    rows.push(k);
    last = { openTimeMs: k.openTimeMs, close: k.close };
  }
  return { rows, filled };
}
