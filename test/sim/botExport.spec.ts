import { describe, expect, it } from 'vitest';
import { botExportLine, simFixedSymbols } from '../../src/sim/botExport.js';
import type { MarketSymbol } from '../../src/sim/market.js';

function listing(symbol: string, extra: Partial<MarketSymbol> = {}): MarketSymbol {
  const base = symbol.replace(/USDT$/, '');
  return {
    symbol, pair: symbol, baseAsset: base, quoteAsset: 'USDT', contractType: 'PERPETUAL', status: 'TRADING',
    deliveryDateMs: 0, priceDecimals: 2, quantityDecimals: 3, ...extra,
  };
}

const LISTINGS = [
  listing('BTCUSDT'), listing('ETHUSDT'), listing('SIM001USDT'),
  listing('BTCUSDC', { quoteAsset: 'USDC', baseAsset: 'BTC' }), listing('SIMHALTUSDT', { status: 'SETTLING' }),
];

describe('botExportLine', () => {
  it('names the URLs, the data symbols that trade as base assets and a database of its own', () => {
    expect(botExportLine({ restUrl: 'http://127.0.0.1:5', wsBaseUrl: 'ws://127.0.0.1:5/market', listings: LISTINGS, dataSymbols: new Set(['BTCUSDT', 'ETHUSDT']) }))
      .toBe('export BINANCE_REST_URL=http://127.0.0.1:5 BINANCE_WS_URL=ws://127.0.0.1:5/market FIXED_SYMBOLS=BTC,ETH DB_PATH=./data/sim.db');
  });

  it('leaves out a data symbol that does not trade at the start, and falls back to the synthetic ones without data', () => {
    const halted = [listing('BTCUSDT', { status: 'SETTLING' }), ...LISTINGS.slice(1)];
    expect(simFixedSymbols({ listings: halted, dataSymbols: new Set(['BTCUSDT', 'ETHUSDT']) }), 'BTC does not trade').toEqual(['ETH']);
    expect(simFixedSymbols({ listings: LISTINGS, dataSymbols: new Set() }), 'only USDT perpetuals that trade').toEqual(['BTC', 'ETH', 'SIM001']);
  });
});
