import type { KlineDataset } from '../csv/klineCsv.js';
import { Market } from './market.js';
import { exchangeInfoBody } from './restPayloads.js';

/** The simulator's default REQUEST_WEIGHT per minute, as its exchangeInfo states it. */
const WEIGHT_LIMIT = 2400;

/**
 * The exchangeInfo the simulator serves for a kline folder, restricted to the folder's own symbols:
 * tick and lot step from the CSV's decimals, MIN_NOTIONAL 100 USDT for BTC and 5 for the others
 * (as Binance). examples/klines/exchangeInfo.json is this body, so a backtest of the examples sizes
 * exactly as the bot does against `npm run sim` on the same data.
 */
export function csvExchangeInfo(dataset: KlineDataset): Record<string, unknown> {
  const market = new Market(dataset);
  const csvSymbols = new Set([...dataset.values()].map((t) => t.symbol));
  const body = exchangeInfoBody(market, market.firstOpenTimeMs, WEIGHT_LIMIT);
  const symbols = (body.symbols as Array<{ symbol: string }>).filter((s) => csvSymbols.has(s.symbol));
  return { ...body, symbols };
}
