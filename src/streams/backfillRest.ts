import { BinanceApiError } from '../domain/errors.js';
import type { KlineRestSource } from '../domain/ports.js';

/** Binance's "Invalid symbol." error code. */
export const INVALID_SYMBOL_CODE = -1121;

/**
 * Wraps the REST source the backfill uses: a `-1121 Invalid symbol` answer reports the symbol (to
 * drop it from the universe) instead of being retried, the error still reaching the caller; and
 * concurrent server-time reads share one request — a reconnect backfills every series of a shard
 * at once, and a burst of identical requests is what turns one 429 period into a 418 ban. A shared
 * answer may predate a caller's socket by a moment; a candle that closed in between is then found
 * by the gate's gap check on the next candle, never lost.
 */
export function backfillRest(rest: KlineRestSource, onInvalid: (symbol: string) => void): KlineRestSource {
  let serverTime: Promise<number> | undefined;
  return {
    serverTimeMs: () =>
      (serverTime ??= rest.serverTimeMs().finally(() => {
        serverTime = undefined;
      })),
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
