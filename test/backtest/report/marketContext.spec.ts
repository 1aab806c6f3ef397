import { describe, expect, it } from 'vitest';
import { INTERVAL_MS, type Interval, type Kline } from '../../../src/domain/kline.js';
import { marketContext, PRICE_POINTS } from '../../../src/backtest/report/marketContext.js';
import { warmUpSentence } from '../../../src/backtest/report/metricText.js';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

/** `count` closed candles of `interval` from START, the close of candle i given by `close(i)`. */
function series(interval: Interval, count: number, close: (i: number) => number = () => 100): Kline[] {
  const step = INTERVAL_MS[interval];
  return Array.from({ length: count }, (_, i) => ({
    symbol: 'BTCUSDT', interval, openTimeMs: START + i * step, closeTimeMs: START + (i + 1) * step - 1,
    open: 100, high: 200, low: 50, close: close(i), volume: 1, quoteVolume: 100, trades: 1, closed: true,
  }));
}

/** 60 days of BTCUSDT: 60 daily, 360 4h and 2880 30m candles; the 30m close of candle i is 100 + i. */
const BTC = { symbol: 'BTCUSDT', series: { '1d': series('1d', 60), '4h': series('4h', 360), '30m': series('30m', 2880, (i) => 100 + i) } };

describe('marketContext: buy and hold, price lines, warm-up', () => {
  it('buys at the first close in the range and sells at the last', () => {
    // Range: days 10 to 20. The first 30m candle ending after day 10 is candle 480 (close 580);
    // the last ending at day 20 is candle 959 (close 1059): (1059 - 580) / 580 × 100 = 82.5862068966 %.
    const m = marketContext({ symbols: [BTC], warmCandles: 51 }, START + 10 * DAY, START + 20 * DAY, null);
    expect(m.buyAndHold).toEqual([{ symbol: 'BTCUSDT', fromMs: START + 10 * DAY + 1_800_000, toMs: START + 20 * DAY, firstClose: 580, lastClose: 1059, returnPct: 82.5862068966 }]);
  });

  it('thins the price line to at most PRICE_POINTS points, keeping the last candle', () => {
    // 2880 candles: step ⌈2880 / 500⌉ = 6, candles 0, 6, … 2874 (480 points) plus the last one, 2879.
    const m = marketContext({ symbols: [BTC], warmCandles: 51 }, START, START + 60 * DAY, null);
    const line = m.prices[0]!;
    expect([line.step, line.points.length, line.points.at(-1)?.close]).toEqual([6, 481, 100 + 2879]);
    expect(line.points.length).toBeLessThanOrEqual(PRICE_POINTS);
  });

  it('is warm when the 51st daily candle closes (day 51), or at --from when that is later', () => {
    // 51 daily candles end at START + 51 days; 4h and 30m got their 51 candles long before.
    const early = marketContext({ symbols: [BTC], warmCandles: 51 }, START, START + 60 * DAY, START + 53 * DAY);
    expect(early.warmUp).toEqual({ candles: 51, bySymbol: [{ symbol: 'BTCUSDT', readyMs: START + 51 * DAY }], readyMs: START + 51 * DAY, firstTradeMs: START + 53 * DAY });
    expect(warmUpSentence(early), 'in words').toBe(
      'The indicators need 51 closed candles of each interval (1d, 4h, 30m), so 51 days of data, before a symbol is scored: trading could begin on 2025-02-21; the first trade came on 2025-02-23.',
    );
    const late = marketContext({ symbols: [BTC], warmCandles: 51 }, START + 55 * DAY, START + 60 * DAY, null);
    expect(late.warmUp?.readyMs, '--from after the warm-up').toBe(START + 55 * DAY);
    const never = marketContext({ symbols: [BTC], warmCandles: 51 }, START, START + 40 * DAY, null);
    expect(never.warmUp?.readyMs, 'the range ends before day 51').toBeNull();
    expect(warmUpSentence(never)).toMatch(/the data never got there, so no trade could be made\.$/);
  });
});
