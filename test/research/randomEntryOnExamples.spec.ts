import { describe, expect, it } from 'vitest';
import { INTERVALS, klineEndMs, type Interval, type Kline } from '../../src/domain/kline.js';
import { buildMarketIndex, firstAfter } from '../../src/research/marketIndex.js';
import { randomBaselines, type ModelTradeFacts } from '../../src/research/randomBaseline.js';
import { randomTrade, resolveRandomEntry, trackFrom } from '../../src/research/randomEntry.js';
import { randomIndex, randomStream } from '../../src/research/sampling.js';
import { exampleSeries } from '../backtest/support/exampleCandles.js';

const OUTCOME = { feeBps: 5, expiryCandles: 48 };
const series = Object.fromEntries(INTERVALS.map((i) => [i, exampleSeries('BTCUSDT', i)])) as Record<Interval, Kline[]>;
const market = buildMarketIndex({
  series: new Map([['BTCUSDT', series]]), fromMs: klineEndMs(series['30m'][200]!), toMs: Number.MAX_SAFE_INTEGER, atrPeriod: 14, atrFirstTrueRange: 'highLow', warmUpCandles: 51,
});

describe('random entries on the example BTCUSDT candles', () => {
  it('skipping to the deciding candle gives the same exit as tracking every candle', () => {
    const random = randomStream(3);
    let checked = 0;
    for (let n = 0; n < 400; n += 1) {
      const interval = INTERVALS[randomIndex(random, 3)]!;
      const s = market.series('BTCUSDT', interval)!;
      const m30 = market.series('BTCUSDT', '30m')!;
      const i = 20 + randomIndex(random, s.candles.length - 20);
      const rule = { model: 'reversal' as const, side: random() < 0.5 ? ('LONG' as const) : ('SHORT' as const), stopAtr: 0.5 + random() * 3, targetAtr: 0.5 + random() * 6 };
      const candle = s.candles[i]!;
      const atr = s.atr[i]!;
      const slow = trackFrom(randomTrade(rule, candle, atr, OUTCOME), m30, firstAfter(m30.ends, klineEndMs(candle)), OUTCOME);
      expect(resolveRandomEntry(rule, candle, atr, m30, OUTCOME), `${interval} candle ${i} ${rule.side}`).toEqual(slow);
      if (slow !== null) checked += 1;
    }
    expect(checked, 'most trades resolve inside the data').toBeGreaterThan(300);
  });

  it('the baseline is deterministic for a seed and changes with it', () => {
    const s = market.series('BTCUSDT', '30m')!;
    const trades: ModelTradeFacts[] = [300, 900, 1500, 2100, 2700, 3300].map((i, n) => {
      const k = s.candles[i]!;
      const atr = s.atr[i]!;
      const side = n % 2 === 0 ? 'LONG' : 'SHORT';
      const sign = side === 'LONG' ? 1 : -1;
      return { symbol: 'BTCUSDT', interval: '30m', model: n < 4 ? 'continuation' : 'reversal', side, entry: k.close, stopLoss: k.close - sign * 3 * atr, takeProfit: k.close + sign * 6 * atr, signalTimeMs: klineEndMs(k), rMultiple: 0.1 };
    });
    const a = randomBaselines(trades, market, OUTCOME, 40, 11);
    expect(a.map((r) => [r.model, r.trades, r.randomTrades, r.runs]), 'one result per model, every twin placed').toEqual([['continuation', 4, 4, 40], ['reversal', 2, 2, 40]]);
    expect(randomBaselines(trades, market, OUTCOME, 40, 11), 'same seed, same numbers').toEqual(a);
    expect(randomBaselines(trades, market, OUTCOME, 40, 12), 'another seed, other numbers').not.toEqual(a);
  });
});
