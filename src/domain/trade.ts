import type { HaltStatus } from './halt.js';
import type { Interval } from './kline.js';
import type { ModelName, Side } from './signal.js';

/** Exit label: TP → WIN, SL → LOSS, expiry → EXPIRED (MODELS.md, reading 7). */
export type Outcome = 'WIN' | 'LOSS' | 'EXPIRED';

/** A paper trade opened at a sent signal's entry, at the signal candle's end. */
export interface OpenTrade {
  readonly signalId: number;
  readonly symbol: string;
  readonly interval: Interval;
  readonly model: ModelName;
  readonly side: Side;
  readonly entry: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
  readonly quantity: number;
  readonly openedAtMs: number;
  /** The moment it expires: openedAtMs + TRADE_EXPIRY_CANDLES × the signal interval. */
  readonly expiresAtMs: number;
}

/**
 * Why a trade closed other than at its stop, its target or its expiry time, stored with it
 * (`trades.exit_reason`, JSON) and worded in its result message. The code is data, never shown.
 * - `symbol_halted`: its symbol stopped trading on Binance (delisting, settlement); it closed
 *   EXPIRED at the symbol's last close. For the memory it is an EXPIRED trade like any other.
 * - `catch_up_skipped`: the bot was stopped longer than the catch-up horizon (CATCH_UP_MAX_DAYS)
 *   and did not replay the candles it missed; the trade closed EXPIRED at the close of the last
 *   30m candle stored before the stop (`stoppedAtMs`), rather than on candles months later.
 *   `resumedAtMs` is when the bot went on (the exchange's time at the restart).
 */
export type ExitReason =
  | { readonly code: 'symbol_halted'; readonly detail: { readonly symbol: string; readonly status: HaltStatus } }
  | { readonly code: 'catch_up_skipped'; readonly detail: { readonly stoppedAtMs: number; readonly resumedAtMs: number } };
export const EXIT_REASON_CODES = ['symbol_halted', 'catch_up_skipped'] as const satisfies readonly ExitReason['code'][];

/** A resolved paper trade; `rMultiple` is net of fees, a win is `rMultiple > 0`. */
export interface ClosedTrade extends OpenTrade {
  readonly exitTimeMs: number;
  readonly exitPrice: number;
  readonly outcome: Outcome;
  readonly rMultiple: number;
  readonly pnl: number;
  readonly equityAfter: number;
  /** Set only when something other than the market's prices closed it. */
  readonly exitReason?: ExitReason;
}

export function isWin(trade: Pick<ClosedTrade, 'rMultiple'>): boolean {
  return trade.rMultiple > 0;
}
