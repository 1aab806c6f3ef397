import { INTERVAL_MS } from '../../domain/kline.js';
import type { Signal } from '../../domain/signal.js';
import type { OpenTrade } from '../../domain/trade.js';
import type { OutcomeConfig } from './outcomeConfig.js';

/**
 * Opens the paper trade of a sent signal at its entry, at the signal candle's end. It expires
 * `expiryCandles` candles of the signal's own interval later (a 4h signal: 48 × 4h).
 */
export function openTrade(signal: Signal, signalId: number, config: Pick<OutcomeConfig, 'expiryCandles'>): OpenTrade {
  return {
    signalId,
    symbol: signal.symbol,
    interval: signal.interval,
    model: signal.model,
    side: signal.side,
    entry: signal.entry,
    stopLoss: signal.stopLoss,
    takeProfit: signal.takeProfit,
    quantity: signal.quantity,
    openedAtMs: signal.endMs,
    expiresAtMs: signal.endMs + config.expiryCandles * INTERVAL_MS[signal.interval],
  };
}
