import type { ClosedTrade, OpenTrade } from '../../../src/domain/trade.js';
import { HALF_HOUR_MS, HOUR_MS } from './candles.js';

/** A LONG 30m continuation trade on `symbol` opened at `openedAtMs`: entry 100, SL 98, TP 104, 5 units. */
export function longTrade(signalId: number, symbol: string, openedAtMs: number): OpenTrade {
  return {
    signalId, symbol, interval: '30m', model: 'continuation', side: 'LONG', entry: 100, stopLoss: 98, takeProfit: 104,
    quantity: 5, openedAtMs, expiresAtMs: openedAtMs + 48 * HALF_HOUR_MS,
  };
}

/** A losing closed trade (−10 USDT, −1 R) of `symbol` exiting at `exitTimeMs`, to feed the memory. */
export function lostTrade(signalId: number, symbol: string, exitTimeMs: number): ClosedTrade {
  return {
    ...longTrade(signalId, symbol, exitTimeMs - HOUR_MS), exitTimeMs, exitPrice: 98, outcome: 'LOSS', rMultiple: -1, pnl: -10,
    equityAfter: Number.NaN,
  };
}
