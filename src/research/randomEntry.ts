import { openTrade } from '../core/outcome/openTrade.js';
import type { OutcomeConfig } from '../core/outcome/outcomeConfig.js';
import { trackCandle, type TradeExit } from '../core/outcome/trackCandle.js';
import { klineEndMs, type Kline } from '../domain/kline.js';
import type { ModelName, Side, Signal } from '../domain/signal.js';
import type { OpenTrade } from '../domain/trade.js';
import { firstAfter, type IndexedSeries } from './marketIndex.js';

/** The stop and target of a model's trade in ATR multiples of its signal candle, with its side. */
export interface EntryRule {
  readonly model: ModelName;
  readonly side: Side;
  readonly stopAtr: number;
  readonly targetAtr: number;
}

/** The paper trade a random entry opens on `candle`: its close as entry, its ATR for the levels, opened by {@link openTrade}. */
export function randomTrade(rule: EntryRule, candle: Kline, atr: number, config: Pick<OutcomeConfig, 'expiryCandles'>): OpenTrade {
  const sign = rule.side === 'LONG' ? 1 : -1;
  const entry = candle.close;
  const signal: Signal = {
    symbol: candle.symbol, interval: candle.interval, openTimeMs: candle.openTimeMs, endMs: klineEndMs(candle), model: rule.model,
    side: rule.side, score: 0, breakdown: {}, entry, stopLoss: entry - sign * rule.stopAtr * atr, takeProfit: entry + sign * rule.targetAtr * atr,
    status: 'sent', quantity: 1, riskPct: 0, effectiveThreshold: 0, effectiveDailyMax: 0, reasons: [],
  };
  return openTrade(signal, 0, config);
}

/** Tracks `trade` with {@link trackCandle} on the 30m candles from index `from` on; null when the data ends first. */
export function trackFrom(trade: OpenTrade, m30: IndexedSeries, from: number, config: Pick<OutcomeConfig, 'feeBps'>): TradeExit | null {
  for (let i = from; i < m30.candles.length; i += 1) {
    const update = trackCandle(trade, m30.candles[i]!, config);
    if (update.state === 'closed') return update.exit;
  }
  return null;
}

/**
 * The first 30m candle that can close `trade`: the first whose range reaches the stop or the target,
 * or the first ending at or after the expiry. On every candle before it trackCandle leaves the
 * trade open (neither level touched, not expired), so tracking may start there.
 */
export function decidingCandle(trade: OpenTrade, m30: IndexedSeries, from: number): number {
  const expiry = firstAfter(m30.ends, trade.expiresAtMs - 1);
  const extremes = m30.extremes;
  if (extremes === undefined) return from;
  const long = trade.side === 'LONG';
  const stop = long ? extremes.firstLowAtOrBelow(from, trade.stopLoss) : extremes.firstHighAtOrAbove(from, trade.stopLoss);
  const target = long ? extremes.firstHighAtOrAbove(from, trade.takeProfit) : extremes.firstLowAtOrBelow(from, trade.takeProfit);
  return Math.max(from, Math.min(stop, target, expiry));
}

/**
 * A random-entry trade resolved exactly as a model's: stop first, then target, then expiry, fees
 * included, decided by the outcome tracker itself on the candle {@link decidingCandle} finds.
 * Null when the data ends before the trade resolves.
 */
export function resolveRandomEntry(rule: EntryRule, candle: Kline, atr: number, m30: IndexedSeries, config: OutcomeConfig): TradeExit | null {
  const trade = randomTrade(rule, candle, atr, config);
  const first = firstAfter(m30.ends, trade.openedAtMs);
  return trackFrom(trade, m30, decidingCandle(trade, m30, first), config);
}
