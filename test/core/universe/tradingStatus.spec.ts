import { describe, expect, it } from 'vitest';
import { reviewTradingStatus } from '../../../src/core/universe/tradingStatus.js';
import type { PoolSymbolInfo } from '../../../src/core/universe/selectPool.js';

const listing = (symbol: string, status = 'TRADING', extra: Partial<PoolSymbolInfo> = {}): PoolSymbolInfo =>
  ({ symbol, status, contractType: 'PERPETUAL', quoteAsset: 'USDT', ...extra });
const info = [listing('BTCUSDT'), listing('ETHUSDT'), listing('SOLUSDT', 'SETTLING'), listing('XRPUSDT', 'BREAK'), listing('BTCUSDC', 'TRADING', { quoteAsset: 'USDC' })];

describe('reviewTradingStatus', () => {
  it('finds the watched symbols that do not trade: another status, or no longer listed', () => {
    const review = reviewTradingStatus({ symbols: info, watching: ['BTCUSDT', 'SOLUSDT', 'DOGEUSDT'], previous: new Map() })!;
    expect([...review.halted], 'SOL settles, DOGE is gone').toEqual([['DOGEUSDT', null], ['SOLUSDT', 'SETTLING']]);
    expect(review.stopped, 'both newly').toEqual([{ symbol: 'DOGEUSDT', status: null }, { symbol: 'SOLUSDT', status: 'SETTLING' }]);
    expect(review.resumed, 'nothing came back').toEqual([]);
  });

  it('ignores symbols it does not watch: XRP halts but nobody watches it', () => {
    expect(reviewTradingStatus({ symbols: info, watching: ['BTCUSDT'], previous: new Map() })?.halted.size).toBe(0);
  });

  it('reports a stop once, a status change while halted as no new stop, and a symbol trading again as resumed', () => {
    const first = reviewTradingStatus({ symbols: info, watching: ['SOLUSDT'], previous: new Map() })!;
    const closing = [listing('BTCUSDT'), listing('SOLUSDT', 'CLOSE')];
    const second = reviewTradingStatus({ symbols: closing, watching: [], previous: first.halted })!;
    expect([...second.halted], 'still halted (the previous halts are reviewed even when no longer watched), now CLOSE').toEqual([['SOLUSDT', 'CLOSE']]);
    expect(second.stopped, 'not a new stop').toEqual([]);
    const third = reviewTradingStatus({ symbols: [listing('BTCUSDT'), listing('SOLUSDT')], watching: [], previous: second.halted })!;
    expect([third.halted.size, third.resumed], 'trading again').toEqual([0, ['SOLUSDT']]);
  });

  it('does not trust an answer without one trading USDT perpetual: a broken exchangeInfo is not a mass delisting', () => {
    expect(reviewTradingStatus({ symbols: [], watching: ['BTCUSDT'], previous: new Map() }), 'empty').toBeUndefined();
    expect(reviewTradingStatus({ symbols: [listing('BTCUSDT', 'BREAK')], watching: ['BTCUSDT'], previous: new Map() }), 'nothing trades').toBeUndefined();
  });
});
