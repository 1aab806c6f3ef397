import { describe, expect, it } from 'vitest';
import { rotateUniverse } from '../../../src/core/universe/rotateUniverse.js';
import { selectPool, type PoolSymbolInfo } from '../../../src/core/universe/selectPool.js';
import { universeSize } from '../../../src/core/universe/symbolLimit.js';

/** 700 tradable USDT perpetuals, more than the largest TOP_VOLUME_FETCH_LIMIT a test uses, plus two that are not. */
const MARKET: PoolSymbolInfo[] = [
  ...Array.from({ length: 700 }, (_, i) => ({ symbol: `S${String(i).padStart(3, '0')}USDT`, contractType: 'PERPETUAL', status: 'TRADING', quoteAsset: 'USDT' })),
  { symbol: 'GONEUSDT', contractType: 'PERPETUAL', status: 'SETTLING', quoteAsset: 'USDT' },
  { symbol: 'BTCUSDT_260925', contractType: 'CURRENT_QUARTER', status: 'TRADING', quoteAsset: 'USDT' },
];
const TICKERS = MARKET.map((s, i) => ({ symbol: s.symbol, quoteVolume: 1e9 - i }));

function watched(limit: number | 'all', topVolumeFetchLimit: number, cursor = 0): { symbols: string[]; nextCursor: number } {
  const size = universeSize(limit, topVolumeFetchLimit);
  const pool = selectPool({ symbols: MARKET, tickers: TICKERS, limit: size.poolLimit });
  return rotateUniverse({ pool, fixed: ['BTCUSDT'], pinned: [], maxSymbols: size.maxSymbols, cursor });
}

describe('universeSize: MAX_SYMBOLS_SUBSCRIBED against TOP_VOLUME_FETCH_LIMIT', () => {
  it('all watches every tradable USDT perpetual, whatever TOP_VOLUME_FETCH_LIMIT says, and never rotates', () => {
    const first = watched('all', 300);
    expect(first.symbols.length, '700 tradable + the fixed BTCUSDT').toBe(701);
    expect(first.symbols, 'not the settling one, not the quarterly one').not.toContain('GONEUSDT');
    expect(first.symbols).not.toContain('BTCUSDT_260925');
    expect(watched('all', 300, first.nextCursor).symbols, 'the next slot is the same set').toEqual(first.symbols);
  });

  it('a number above TOP_VOLUME_FETCH_LIMIT widens the pool to it', () => {
    expect(universeSize(600, 300)).toEqual({ maxSymbols: 600, poolLimit: 600 });
    expect(watched(600, 300).symbols.length, '600 watched, BTCUSDT among them').toBe(600);
  });

  it('a number below it rotates through the pool as before', () => {
    expect(universeSize(40, 300)).toEqual({ maxSymbols: 40, poolLimit: 300 });
    const first = watched(40, 300);
    const second = watched(40, 300, first.nextCursor);
    expect(first.symbols.length).toBe(40);
    expect(second.symbols.length).toBe(40);
    expect(second.symbols.filter((s) => first.symbols.includes(s)), 'only the fixed symbol stays').toEqual(['BTCUSDT']);
  });
});
