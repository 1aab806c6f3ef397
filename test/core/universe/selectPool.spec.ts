import { describe, expect, it } from 'vitest';
import { selectPool, type PoolSymbolInfo } from '../../../src/core/universe/selectPool.js';

const perp = (symbol: string, over: Partial<PoolSymbolInfo> = {}): PoolSymbolInfo => ({
  symbol, contractType: 'PERPETUAL', status: 'TRADING', quoteAsset: 'USDT', ...over,
});

describe('selectPool', () => {
  const symbols = [
    perp('BTCUSDT'), perp('ETHUSDT'), perp('SOLUSDT'), perp('XRPUSDT'),
    perp('BTCUSDT_260925', { contractType: 'CURRENT_QUARTER' }),
    perp('BTCUSDC', { quoteAsset: 'USDC' }),
    perp('OLDUSDT', { status: 'SETTLING' }),
    perp('NEWUSDT'),
  ];
  const tickers = [
    { symbol: 'SOLUSDT', quoteVolume: 300 }, { symbol: 'BTCUSDT', quoteVolume: 900 },
    { symbol: 'ETHUSDT', quoteVolume: 500 }, { symbol: 'XRPUSDT', quoteVolume: 500 },
    { symbol: 'BTCUSDT_260925', quoteVolume: 10_000 }, { symbol: 'BTCUSDC', quoteVolume: 10_000 }, { symbol: 'OLDUSDT', quoteVolume: 10_000 },
  ];

  it('keeps tradable USDT perpetuals ranked by quote volume, ties by name, no ticker last', () => {
    expect(selectPool({ symbols, tickers, limit: 10 }), 'filtered and ranked').toEqual(['BTCUSDT', 'ETHUSDT', 'XRPUSDT', 'SOLUSDT', 'NEWUSDT']);
  });

  it('cuts to the limit and leaves out excluded symbols', () => {
    expect(selectPool({ symbols, tickers, limit: 2 }), 'top 2').toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(selectPool({ symbols, tickers, limit: 2, excluded: new Set(['ETHUSDT']) }), 'invalid symbol dropped').toEqual(['BTCUSDT', 'XRPUSDT']);
  });
});
