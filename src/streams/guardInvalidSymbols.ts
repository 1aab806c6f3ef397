import { BinanceApiError } from '../domain/errors.js';
import type { KlineRestSource } from '../domain/ports.js';

/** Binance's "Invalid symbol." error code. */
export const INVALID_SYMBOL_CODE = -1121;

/**
 * Wraps a REST source so that a `-1121 Invalid symbol` answer reports the symbol (to drop it from
 * the universe) instead of being retried; the error still reaches the caller.
 */
export function guardInvalidSymbols(rest: KlineRestSource, onInvalid: (symbol: string) => void): KlineRestSource {
  return {
    serverTimeMs: () => rest.serverTimeMs(),
    klines: async (symbol, interval, query) => {
      try {
        return await rest.klines(symbol, interval, query);
      } catch (err) {
        if (err instanceof BinanceApiError && err.binanceCode === INVALID_SYMBOL_CODE) onInvalid(symbol);
        throw err;
      }
    },
  };
}
