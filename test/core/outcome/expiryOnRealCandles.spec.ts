import { describe, expect, it } from 'vitest';
import { INTERVAL_MS, klineEndMs, type Interval, type Kline } from '../../../src/domain/kline.js';
import type { Signal } from '../../../src/domain/signal.js';
import type { OpenTrade } from '../../../src/domain/trade.js';
import { openTrade } from '../../../src/core/outcome/openTrade.js';
import { DEFAULT_OUTCOME_CONFIG } from '../../../src/core/outcome/outcomeConfig.js';
import { trackCandle, type TradeExit } from '../../../src/core/outcome/trackCandle.js';
import { exampleKlines } from './exampleKlines.js';

const btc30m = exampleKlines('BTCUSDT', '30m');

function signalOn(k: Kline, stopLoss: number, takeProfit: number): Signal {
  return {
    symbol: k.symbol, interval: k.interval, openTimeMs: k.openTimeMs, endMs: klineEndMs(k), model: 'reversal',
    side: 'LONG', score: 80, breakdown: {}, entry: k.close, stopLoss, takeProfit,
    status: 'sent', quantity: 0.01, riskPct: 1, effectiveThreshold: 75, effectiveDailyMax: 5, reasons: [],
  };
}

/** Feeds 30m candles in order until the trade closes; the exit and the candle that closed it. */
function run(trade: OpenTrade, candles: readonly Kline[]): { exit: TradeExit; by: Kline } | null {
  for (const candle of candles) {
    const update = trackCandle(trade, candle);
    if (update.state === 'closed') return { exit: update.exit, by: candle };
  }
  return null;
}

describe.each<[Interval, number]>([['30m', 300], ['4h', 40], ['1d', 60]])('expiry of a %s signal', (interval, index) => {
  const signalCandle = exampleKlines('BTCUSDT', interval)[index]!;
  // Levels no real candle reaches: only expiry can close it.
  const trade = openTrade(signalOn(signalCandle, 1, 10_000_000), 7, DEFAULT_OUTCOME_CONFIG);
  const due = klineEndMs(signalCandle) + 48 * INTERVAL_MS[interval];

  it('closes on the 30m candle ending exactly 48 signal candles later, at its close', () => {
    expect(trade.expiresAtMs, 'expiry counts the signal interval').toBe(due);
    const result = run(trade, btc30m);
    const dueCandle = btc30m.find((k) => klineEndMs(k) === due);
    expect(dueCandle, 'the real data has that candle').toBeDefined();
    expect(result?.exit.outcome, 'unresolved → expired').toBe('EXPIRED');
    expect(result?.exit.exitTimeMs, 'exactly at the due end').toBe(due);
    expect(result?.exit.exitPrice, 'at that candle close').toBe(dueCandle?.close);
  });

  it('closes on the first candle after the moment when the due candle is missing', () => {
    const withGap = btc30m.filter((k) => klineEndMs(k) !== due);
    const result = run(trade, withGap);
    expect(result?.exit.exitTimeMs, 'the next candle ends 30m later').toBe(due + INTERVAL_MS['30m']);
  });
});

describe('SL/TP on real candles', () => {
  it('agrees with a direct search for the first touch, over many entries', () => {
    const eth = exampleKlines('ETHUSDT', '30m');
    let checked = 0;
    for (let i = 100; i < eth.length - 200; i += 97) {
      const s = eth[i]!;
      const trade = openTrade(signalOn(s, s.close * 0.97, s.close * 1.04), i, DEFAULT_OUTCOME_CONFIG);
      const later = eth.slice(i + 1, i + 49);
      const touch = later.find((k) => k.low <= trade.stopLoss || k.high >= trade.takeProfit);
      const result = run(trade, eth.slice(i - 3)); // earlier and signal candles must be ignored
      const expected = touch === undefined
        ? { outcome: 'EXPIRED', exitTimeMs: klineEndMs(later[47]!) }
        : { outcome: touch.low <= trade.stopLoss ? 'LOSS' : 'WIN', exitTimeMs: klineEndMs(touch) };
      expect({ outcome: result?.exit.outcome, exitTimeMs: result?.exit.exitTimeMs }, `ETH entry #${i}`).toEqual(expected);
      checked += 1;
    }
    expect(checked, 'enough entries checked').toBeGreaterThan(200);
  });
});
