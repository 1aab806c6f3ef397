import type { ClosedTrade } from '../../domain/trade.js';

/**
 * The one order memory reads trades in: exit time, then symbol (the replay order of MODELS.md
 * reading 2, in which paper equity chains), then signal id. Live arrival order can differ for
 * trades closing on the same candle end; sorting makes live, backtest and restart agree.
 */
export function compareTrades(a: ClosedTrade, b: ClosedTrade): number {
  return a.exitTimeMs - b.exitTimeMs || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0) || a.signalId - b.signalId;
}

/** A copy of `trades` in memory order, keeping only those closed at or before `nowMs`. */
export function historyAt(trades: readonly ClosedTrade[], nowMs: number): ClosedTrade[] {
  return trades.filter((trade) => trade.exitTimeMs <= nowMs).sort(compareTrades);
}
