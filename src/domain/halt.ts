import type { Kline } from './kline.js';

/**
 * Binance's exchangeInfo status of a symbol that does not trade (`SETTLING`, `CLOSE`,
 * `PENDING_TRADING`, `BREAK`, …), or `null` when exchangeInfo no longer lists it.
 */
export type HaltStatus = string | null;

/**
 * A watched symbol stopped trading: an exchangeInfo refresh found it with a status other than
 * TRADING, or no longer listed. Nothing more will come from it. In the event-time stream it comes
 * after the symbol's last candle; its open paper trade closes at `lastCandle` (see haltExit).
 */
export interface SymbolHalt {
  readonly kind: 'halt';
  readonly symbol: string;
  readonly status: HaltStatus;
  /**
   * The symbol's newest closed 30m candle the bot holds (stored or received), its last one since
   * the exchange stops a symbol's candles when it stops trading; undefined when none is known.
   */
  readonly lastCandle: Kline | undefined;
}

/** What the event-time merge releases: closed candles, and the halts of symbols that stopped trading. */
export type MarketEvent = Kline | SymbolHalt;

export function isHalt(event: MarketEvent): event is SymbolHalt {
  return (event as Partial<SymbolHalt>).kind === 'halt';
}

export function isKline(event: MarketEvent): event is Kline {
  return (event as Partial<SymbolHalt>).kind !== 'halt';
}
