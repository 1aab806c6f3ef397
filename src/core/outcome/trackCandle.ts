import { klineEndMs, type Kline } from '../../domain/kline.js';
import type { ClosedTrade, ExitReason, OpenTrade, Outcome } from '../../domain/trade.js';
import { DEFAULT_OUTCOME_CONFIG, type OutcomeConfig } from './outcomeConfig.js';
import { tradeResult } from './tradeResult.js';

/** How a trade left the market on one candle, before equity is applied. */
export interface TradeExit {
  readonly exitTimeMs: number;
  readonly exitPrice: number;
  readonly outcome: Outcome;
  readonly rMultiple: number;
  readonly pnl: number;
  /** Why, when not the market's prices (see ExitReason). */
  readonly exitReason?: ExitReason;
}

export type TradeUpdate = { readonly state: 'open' } | { readonly state: 'closed'; readonly exit: TradeExit };

const STILL_OPEN: TradeUpdate = Object.freeze({ state: 'open' });

function exitOn(trade: OpenTrade, candle: Kline): { price: number; outcome: Outcome } | null {
  const long = trade.side === 'LONG';
  const stopHit = long ? candle.low <= trade.stopLoss : candle.high >= trade.stopLoss;
  // Same candle SL and TP: the order inside the candle is unknown, so it counts as the loss.
  if (stopHit) return { price: trade.stopLoss, outcome: 'LOSS' };
  const targetHit = long ? candle.high >= trade.takeProfit : candle.low <= trade.takeProfit;
  if (targetHit) return { price: trade.takeProfit, outcome: 'WIN' };
  if (klineEndMs(candle) >= trade.expiresAtMs) return { price: candle.close, outcome: 'EXPIRED' };
  return null;
}

/**
 * Tracks an open paper trade on one closed 30m candle of its symbol. SL first, then TP (fills
 * exactly at the level), then expiry at the close of the first candle ending at or after
 * `expiresAtMs`. Candles of other symbols or intervals, forming candles, and candles ending at or
 * before the trade's opening (the signal candle itself) leave it open.
 */
export function trackCandle(
  trade: OpenTrade,
  candle: Kline,
  config: Pick<OutcomeConfig, 'feeBps'> = DEFAULT_OUTCOME_CONFIG,
): TradeUpdate {
  const applies =
    candle.closed && candle.interval === '30m' && candle.symbol === trade.symbol && klineEndMs(candle) > trade.openedAtMs;
  if (!applies) return STILL_OPEN;
  const exit = exitOn(trade, candle);
  if (exit === null) return STILL_OPEN;
  const { rMultiple, pnl } = tradeResult(trade, exit.price, config.feeBps);
  return {
    state: 'closed',
    exit: { exitTimeMs: klineEndMs(candle), exitPrice: exit.price, outcome: exit.outcome, rMultiple, pnl },
  };
}

/** The closed trade record; paper equity moves by the trade's pnl in USDT. */
export function closeTrade(trade: OpenTrade, exit: TradeExit, equityBeforeUsdt: number): ClosedTrade {
  return { ...trade, ...exit, equityAfter: equityBeforeUsdt + exit.pnl };
}
