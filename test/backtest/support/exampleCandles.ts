import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INTERVALS, type Interval, type Kline } from '../../../src/domain/kline.js';
import { replayOrder } from '../../../src/backtest/replayOrder.js';

const DIR = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));

/** Real closed candles of examples/klines/<symbol>-<interval>.csv (Binance column order, header skipped). */
export function exampleSeries(symbol: string, interval: Interval): Kline[] {
  const lines = readFileSync(`${DIR}${symbol}-${interval}.csv`, 'utf8').trim().split('\n').slice(1);
  return lines.map((line): Kline => {
    const c = line.split(',').map(Number);
    return {
      symbol, interval, openTimeMs: c[0]!, open: c[1]!, high: c[2]!, low: c[3]!, close: c[4]!, volume: c[5]!,
      closeTimeMs: c[6]!, quoteVolume: c[7]!, trades: c[8]!, closed: true,
    };
  });
}

/** A stretch of the example market: every interval of `symbols`, candles ending at or before `untilMs`, in replay order. */
export function exampleReplay(symbols: readonly string[], untilMs: number): Kline[] {
  const series = symbols.flatMap((s) => INTERVALS.map((i) => exampleSeries(s, i).filter((k) => k.closeTimeMs + 1 <= untilMs)));
  return replayOrder(series);
}
