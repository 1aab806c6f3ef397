import type { HaltStatus } from '../../domain/halt.js';
import { UNIVERSE_QUOTE_ASSET } from './normaliseFixedSymbols.js';
import type { PoolSymbolInfo } from './selectPool.js';

/** The status of a symbol that trades (Binance exchangeInfo). */
export const TRADING = 'TRADING';

export interface TradingStatusInput {
  /** exchangeInfo `symbols[]`. */
  readonly symbols: readonly PoolSymbolInfo[];
  /** What the bot watches or must watch: fixed symbols, symbols with an open trade, the universe. */
  readonly watching: Iterable<string>;
  /** The halted symbols of the previous review; they are reviewed again, watched or not, to see them trade again. */
  readonly previous: ReadonlyMap<string, HaltStatus>;
}

/** One exchangeInfo compared with the previous one, for the symbols that matter. */
export interface TradingStatusReview {
  /** The reviewed symbols that do not trade, with their status (null: no longer listed), sorted. */
  readonly halted: ReadonlyMap<string, HaltStatus>;
  /** Halted now and not before: each is told once. */
  readonly stopped: ReadonlyArray<{ readonly symbol: string; readonly status: HaltStatus }>;
  /** Halted before and trading now. */
  readonly resumed: readonly string[];
}

/**
 * Which watched symbols stopped trading (delisting, settlement, a break): exchangeInfo gives them a
 * status other than TRADING, or no longer lists them. Undefined when the answer lists no trading
 * USDT perpetual at all: such an answer is broken, not a delisting of the whole market, and is ignored.
 */
export function reviewTradingStatus({ symbols, watching, previous }: TradingStatusInput): TradingStatusReview | undefined {
  const trades = (s: PoolSymbolInfo) => s.status === TRADING && s.contractType === 'PERPETUAL' && s.quoteAsset === UNIVERSE_QUOTE_ASSET;
  if (!symbols.some(trades)) return undefined;
  const statusOf = new Map(symbols.map((s) => [s.symbol, s.status]));
  const reviewed = [...new Set([...watching, ...previous.keys()])].sort();
  const halted = new Map<string, HaltStatus>();
  for (const symbol of reviewed) {
    const status = statusOf.get(symbol) ?? null;
    if (status !== TRADING) halted.set(symbol, status);
  }
  return {
    halted,
    stopped: [...halted].filter(([symbol]) => !previous.has(symbol)).map(([symbol, status]) => ({ symbol, status })),
    resumed: [...previous.keys()].filter((symbol) => !halted.has(symbol)).sort(),
  };
}
