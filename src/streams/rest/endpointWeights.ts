/**
 * Request weights of the Binance USDⓈ-M endpoints this client calls (PROTOCOLS.md B1–B4).
 * The budget counts these before a request leaves, so the limit is respected before Binance
 * has to say 429.
 */

/** Binance's default kline `limit` when none is sent. */
export const DEFAULT_KLINES_LIMIT = 500;

/** `GET /fapi/v1/klines` weight by `limit`: [1,100) → 1, [100,500) → 2, [500,1000] → 5, > 1000 → 10. */
export function klinesWeight(limit: number = DEFAULT_KLINES_LIMIT): number {
  if (limit < 100) return 1;
  if (limit < 500) return 2;
  if (limit <= 1000) return 5;
  return 10;
}

/** `GET /fapi/v1/ticker/24hr`: 1 for one symbol, 40 for the whole market. */
export function ticker24hWeight(symbol?: string): number {
  return symbol === undefined ? 40 : 1;
}

/** `GET /fapi/v1/exchangeInfo`. */
export const EXCHANGE_INFO_WEIGHT = 1;

/** `GET /fapi/v1/time`. */
export const SERVER_TIME_WEIGHT = 1;
