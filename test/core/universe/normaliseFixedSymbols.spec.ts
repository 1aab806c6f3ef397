import { describe, expect, it } from 'vitest';
import { normaliseFixedSymbols } from '../../../src/core/universe/normaliseFixedSymbols.js';

describe('normaliseFixedSymbols', () => {
  it('expands base assets, keeps full symbols, trims, upper-cases and de-duplicates', () => {
    expect(normaliseFixedSymbols(' btc, ETHUSDT ,bnb,,BTCUSDT, eth '), 'env string').toEqual(['BTCUSDT', 'ETHUSDT', 'BNBUSDT']);
    expect(normaliseFixedSymbols(['1000pepe', 'solusdt']), 'array input').toEqual(['1000PEPEUSDT', 'SOLUSDT']);
  });

  it('treats the bare quote asset as a base asset, and empty input as none', () => {
    expect(normaliseFixedSymbols('usdt'), 'USDT alone is not a symbol').toEqual(['USDTUSDT']);
    expect(normaliseFixedSymbols(' , '), 'nothing').toEqual([]);
  });
});
