import { INTERVAL_MS } from '../domain/index.js';
import type { Market, MarketSymbol } from './market.js';
import { formingIndex, lastClosedIndex } from './series.js';
import { formatFree } from './wire.js';

const step = (decimals: number): string => (10 ** -decimals).toFixed(decimals);

function symbolInfo(s: MarketSymbol, onboardDateMs: number): Record<string, unknown> {
  const tick = step(s.priceDecimals);
  const lot = step(s.quantityDecimals);
  return {
    symbol: s.symbol, pair: s.pair, contractType: s.contractType, deliveryDate: s.deliveryDateMs, onboardDate: onboardDateMs,
    status: s.status, maintMarginPercent: '2.5000', requiredMarginPercent: '5.0000',
    baseAsset: s.baseAsset, quoteAsset: s.quoteAsset, marginAsset: s.quoteAsset,
    pricePrecision: s.priceDecimals, quantityPrecision: s.quantityDecimals, baseAssetPrecision: 8, quotePrecision: 8,
    underlyingType: 'COIN', underlyingSubType: [], settlePlan: 0, triggerProtect: '0.0500', liquidationFee: '0.012500', marketTakeBound: '0.05',
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: tick, maxPrice: '1000000', tickSize: tick },
      { filterType: 'LOT_SIZE', minQty: lot, maxQty: '1000000', stepSize: lot },
      { filterType: 'MARKET_LOT_SIZE', minQty: lot, maxQty: '100000', stepSize: lot },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MIN_NOTIONAL', notional: s.baseAsset === 'BTC' ? '100' : '5' },
      { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
    ],
    orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
  };
}

/** `GET /fapi/v1/exchangeInfo` body (B2) at simulated `nowMs`. */
export function exchangeInfoBody(market: Market, nowMs: number, weightLimit: number): Record<string, unknown> {
  const assets = [...new Set(market.symbols.map((s) => s.quoteAsset))];
  return {
    timezone: 'UTC',
    serverTime: nowMs,
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimit },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
    ],
    exchangeFilters: [],
    assets: assets.map((asset) => ({ asset, marginAvailable: true, autoAssetExchange: '0' })),
    symbols: market.listingsAt(nowMs).map((s) => symbolInfo(s, market.firstOpenTimeMs)),
  };
}

/**
 * `GET /fapi/v1/ticker/24hr` for one symbol (B3), from the 48 newest closed 30m candles; the
 * last price is the forming 30m close. `quoteVolume` = Σ close × volume, the figure bots rank by.
 */
export function ticker24hBody(market: Market, symbol: MarketSymbol, marketNowMs: number): Record<string, unknown> | undefined {
  const series = market.seriesOf(symbol.symbol, '30m');
  if (!series) return undefined;
  // A symbol that stopped trading shows the day before it stopped.
  const nowMs = market.candleClock(symbol.symbol, marketNowMs).nowMs;
  const last = lastClosedIndex(series, nowMs);
  const first = Math.max(0, last - 47);
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  let quoteVolume = 0;
  let count = 0;
  for (let i = first; i <= last; i += 1) {
    const c = series.candle(i);
    high = Math.max(high, c.high);
    low = Math.min(low, c.low);
    volume += c.volume;
    quoteVolume += c.close * c.volume;
    count += c.trades;
  }
  const forming = formingIndex(series, nowMs);
  const lastPrice = forming >= 0 ? market.candleAt(series, forming, nowMs).candle.close : last >= 0 ? series.candle(last).close : 0;
  const openPrice = last >= 0 ? series.candle(first).open : lastPrice;
  if (last < 0) { high = lastPrice; low = lastPrice; }
  const pd = symbol.priceDecimals;
  const change = lastPrice - openPrice;
  return {
    symbol: symbol.symbol,
    priceChange: change.toFixed(pd),
    priceChangePercent: (openPrice === 0 ? 0 : (change / openPrice) * 100).toFixed(3),
    weightedAvgPrice: (volume === 0 ? lastPrice : quoteVolume / volume).toFixed(pd),
    lastPrice: lastPrice.toFixed(pd),
    lastQty: (0).toFixed(symbol.quantityDecimals),
    openPrice: openPrice.toFixed(pd),
    highPrice: high.toFixed(pd),
    lowPrice: low.toFixed(pd),
    volume: volume.toFixed(symbol.quantityDecimals),
    quoteVolume: formatFree(Number(quoteVolume.toFixed(Math.min(8, pd + symbol.quantityDecimals)))),
    openTime: nowMs - INTERVAL_MS['1d'],
    closeTime: nowMs,
    firstId: 0,
    lastId: count,
    count,
  };
}
