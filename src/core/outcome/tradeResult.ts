import type { Side } from '../../domain/signal.js';
import type { OpenTrade } from '../../domain/trade.js';

/** Net result of a paper trade at a given exit price. */
export interface TradeResult {
  /** (exit − entry) / (entry − SL) for LONG, mirrored for SHORT, minus fees in R. */
  readonly rMultiple: number;
  /** quantity × signed price move − fees, in USDT. Equals rMultiple × quantity × stop distance. */
  readonly pnl: number;
  /** Both sides' fees in USDT. */
  readonly feesUsdt: number;
}

function direction(side: Side): 1 | -1 {
  return side === 'LONG' ? 1 : -1;
}

/**
 * Net R and pnl of a trade closed at `exitPrice`. Fees are `feeBps` of the entry notional plus
 * `feeBps` of the exit notional at the exit price (MODELS.md reading 7); in R they are the fee per
 * unit of quantity, feeBps/10⁴ × (entry + exit), divided by the stop distance |entry − SL|.
 */
export function tradeResult(
  trade: Pick<OpenTrade, 'side' | 'entry' | 'stopLoss' | 'quantity'>,
  exitPrice: number,
  feeBps: number,
): TradeResult {
  const sign = direction(trade.side);
  const stopDistance = Math.abs(trade.entry - trade.stopLoss);
  const move = (exitPrice - trade.entry) * sign;
  const feePerUnit = (feeBps / 10_000) * (trade.entry + exitPrice);
  return {
    rMultiple: (move - feePerUnit) / stopDistance,
    pnl: trade.quantity * (move - feePerUnit),
    feesUsdt: trade.quantity * feePerUnit,
  };
}
