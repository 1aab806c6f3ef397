import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateKlines } from '../../src/backtest/aggregate.js';
import type { Interval, Kline } from '../../src/domain/kline.js';
import { readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { EXAMPLES_DIR } from './support/backtestCli.js';

const series = (symbol: string, interval: Interval): Kline[] => tableKlines(readKlineCsvFile(join(EXAMPLES_DIR, `${symbol}-${interval}.csv`)));

/** Prices must match exactly; volumes are float sums of the 30m rows, so to a relative 1e-9. */
function expectSameCandles(actual: readonly Kline[], expected: readonly Kline[], why: string): void {
  expect(actual.length, `${why}: count`).toBe(expected.length);
  const prices = (k: Kline) => [k.symbol, k.interval, k.openTimeMs, k.closeTimeMs, k.open, k.high, k.low, k.close, k.closed];
  expect(actual.map(prices), `${why}: OHLC and times`).toEqual(expected.map(prices));
  actual.forEach((k, i) => {
    const want = expected[i]!;
    if (Math.abs(k.volume - want.volume) > 1e-9 * Math.max(1, want.volume)) expect(k.volume, `${why}: volume of ${k.openTimeMs}`).toBe(want.volume);
  });
}

describe('aggregateKlines', () => {
  it.each(['BTCUSDT', 'SOLUSDT'])('%s: 4h and 1d built from 30m equal Binance\'s own 4h and 1d files', (symbol) => {
    const m30 = series(symbol, '30m');
    expectSameCandles(aggregateKlines(m30, '4h'), series(symbol, '4h'), `${symbol} 4h`);
    expectSameCandles(aggregateKlines(m30, '1d'), series(symbol, '1d'), `${symbol} 1d`);
  });

  it('emits only complete buckets: a missing half-hour drops its 4h and 1d candle, no other', () => {
    const m30 = series('ETHUSDT', '30m').slice(0, 48 * 5);
    const missing = m30[100]!; // 2025-01-03 02:00: day 3 is rows 96–143, its 00:00–04:00 bucket rows 96–103
    const holed = m30.filter((k) => k !== missing);
    const fourHours = aggregateKlines(holed, '4h');
    const days = aggregateKlines(holed, '1d');
    expect(fourHours.length, 'one 4h candle fewer').toBe(aggregateKlines(m30, '4h').length - 1);
    expect(fourHours.some((k) => k.openTimeMs <= missing.openTimeMs && missing.openTimeMs <= k.closeTimeMs), 'not its bucket').toBe(false);
    expect(days.map((k) => new Date(k.openTimeMs).toISOString().slice(0, 10)), 'day 3 is left out').toEqual(['2025-01-01', '2025-01-02', '2025-01-04', '2025-01-05']);
  });

  it('a series starting mid-bucket leaves that first bucket out', () => {
    const m30 = series('BTCUSDT', '30m').slice(3, 3 + 16);
    expect(aggregateKlines(m30, '4h').map((k) => k.openTimeMs), 'only the complete 04:00 bucket').toEqual([Date.UTC(2025, 0, 1, 4)]);
  });
});
