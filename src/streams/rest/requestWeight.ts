import { DEFAULT_KLINES_LIMIT, EXCHANGE_INFO_WEIGHT, klinesWeight, SERVER_TIME_WEIGHT, ticker24hWeight } from './endpointWeights.js';

/**
 * Weight of one request from its path and query, so the gate can charge every attempt (retries
 * included) without the caller passing the weight along. Unknown paths count 1.
 */
export function requestWeight(path: string, params: unknown): number {
  const query = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  if (path.endsWith('/klines')) {
    const limit = query['limit'] === undefined ? DEFAULT_KLINES_LIMIT : Number(query['limit']);
    return klinesWeight(limit);
  }
  if (path.endsWith('/ticker/24hr')) return ticker24hWeight(query['symbol'] === undefined ? undefined : String(query['symbol']));
  if (path.endsWith('/exchangeInfo')) return EXCHANGE_INFO_WEIGHT;
  if (path.endsWith('/time')) return SERVER_TIME_WEIGHT;
  return 1;
}
