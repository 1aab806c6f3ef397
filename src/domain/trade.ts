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

/** A resolved paper trade; `rMultiple` is net of fees, a win is `rMultiple > 0`. */
export interface ClosedTrade extends OpenTrade {
  readonly exitTimeMs: number;
  readonly exitPrice: number;
  readonly outcome: Outcome;
  readonly rMultiple: number;
  readonly pnl: number;
  readonly equityAfter: number;
}

export function isWin(trade: Pick<ClosedTrade, 'rMultiple'>): boolean {
  return trade.rMultiple > 0;
}
