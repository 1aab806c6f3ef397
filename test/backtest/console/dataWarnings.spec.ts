import { describe, expect, it } from 'vitest';
import { dataEndMs, dataWarnings } from '../../../src/backtest/console/dataWarnings.js';
import type { BacktestData } from '../../../src/backtest/loadData.js';
import type { Kline } from '../../../src/domain/kline.js';

const HALF_HOUR = 1_800_000;
const START = Date.UTC(2025, 0, 1);

function candle(i: number): Kline {
  return {
    symbol: 'BTCUSDT', interval: '30m', openTimeMs: START + i * HALF_HOUR, closeTimeMs: START + (i + 1) * HALF_HOUR - 1,
    open: 1, high: 1, low: 1, close: 1, volume: 1, quoteVolume: 1, trades: 1, closed: true,
  };
}

/** BTCUSDT 2025-01-01 00:00 → 2025-01-02 00:00 (48 half-hours), 4h and 1d built from the 30m file. */
const DATA: BacktestData = {
  dir: 'd',
  symbols: [{ symbol: 'BTCUSDT', series: { '30m': Array.from({ length: 48 }, (_, i) => candle(i)), '4h': [], '1d': [] }, aggregated: ['4h', '1d'] }],
  gaps: [],
};

describe('dataWarnings: what a person must know about the data, in words', () => {
  it('the end of the data: the close of its newest 30m candle (a --from there or later is refused by the command)', () => {
    expect(dataEndMs(DATA)).toBe(Date.UTC(2025, 0, 2));
    expect(dataEndMs({ ...DATA, symbols: [] }), 'no candle, no end').toBeUndefined();
  });

  it('--from before the start of the data, and the intervals built from 30m', () => {
    expect(dataWarnings(DATA, Date.UTC(2024, 11, 1))).toEqual([
      'warning: --from 2024-12-01 00:00 UTC is before the start of the data (2025-01-01 00:00 UTC): the days without data count in CAGR and the daily ratios; leave --from out to start with the data.',
      'note: BTCUSDT 4h and 1d candles built from its 30m file (no BTCUSDT-4h.csv or BTCUSDT-1d.csv).',
    ]);
  });

  it('nothing for a --from inside the data and complete files', () => {
    expect(dataWarnings({ ...DATA, symbols: [{ ...DATA.symbols[0]!, aggregated: [] }] }, Date.UTC(2025, 0, 1, 12))).toEqual([]);
  });
});
