import type { Kline } from '../../domain/kline.js';
import type { ClosedTrade, OpenTrade } from '../../domain/trade.js';
import type { OutcomeConfig } from './outcomeConfig.js';
import { closeTrade, trackCandle } from './trackCandle.js';

/**
 * The open paper trades (at most one per symbol) and closed-trade paper equity, as one immutable
 * value that an operator threads through `scan`.
 */
export interface TradeBook {
  readonly open: ReadonlyMap<string, OpenTrade>;
  readonly equityUsdt: number;
}

export function emptyTradeBook(equityUsdt: number): TradeBook {
  return { open: new Map(), equityUsdt };
}

/** Adds a trade; refused (book unchanged) when its symbol already has one: one trade per symbol. */
export function addTrade(book: TradeBook, trade: OpenTrade): { book: TradeBook; accepted: boolean } {
  if (book.open.has(trade.symbol)) return { book, accepted: false };
  const open = new Map(book.open).set(trade.symbol, trade);
  return { book: { ...book, open }, accepted: true };
}

/** Tracks the candle's symbol's trade; a close removes it and moves equity by its pnl. */
export function applyCandle(
  book: TradeBook,
  candle: Kline,
  config: Pick<OutcomeConfig, 'feeBps'>,
): { book: TradeBook; closed: ClosedTrade | null } {
  const trade = book.open.get(candle.symbol);
  if (trade === undefined) return { book, closed: null };
  const update = trackCandle(trade, candle, config);
  if (update.state === 'open') return { book, closed: null };
  const closed = closeTrade(trade, update.exit, book.equityUsdt);
  const open = new Map(book.open);
  open.delete(candle.symbol);
  return { book: { open, equityUsdt: closed.equityAfter }, closed };
}
