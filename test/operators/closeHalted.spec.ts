import { describe, expect, it } from 'vitest';
import type { SymbolHalt } from '../../src/domain/halt.js';
import { DataError } from '../../src/domain/errors.js';
import { closeHalted } from '../../src/operators/closeHalted.js';
import { HALF_HOUR_MS, HOUR_MS, T0, candleEnding } from './support/candles.js';
import { makeDesk } from './support/desk.js';
import { newScheduler } from './support/marbles.js';
import { longTrade, lostTrade } from './support/trades.js';

const halt = (symbol: string, lastEndMs: number | undefined, status: SymbolHalt['status'] = 'SETTLING'): SymbolHalt =>
  ({ kind: 'halt', symbol, status, lastCandle: lastEndMs === undefined ? undefined : candleEnding(symbol, lastEndMs, { high: 100.5, low: 99.5, close: 99 }) });

describe('closeHalted', () => {
  it('closes the symbol\'s open trade EXPIRED at its last close, moves equity and feeds the memory like any close', () => {
    const trade = longTrade(7, 'BTCUSDT', T0);
    const desk = makeDesk({ openTrades: [trade], equityUsdt: 1000 });
    // Two losses already: an EXPIRED trade with R ≤ 0 is a loss for the memory (MODELS.md reading 7), as any EXPIRED trade.
    desk.memory.onTradeClosed(lostTrade(1, 'ETHUSDT', T0 - 2 * HOUR_MS));
    desk.memory.onTradeClosed(lostTrade(2, 'SOLUSDT', T0 - HOUR_MS));
    desk.memory.advanceTo(T0);
    const lastEndMs = T0 + 3 * HALF_HOUR_MS;
    const h = halt('BTCUSDT', lastEndMs);
    const o = halt('ETHUSDT', lastEndMs);
    newScheduler().run(({ cold, expectObservable }) => {
      const out = cold('h-o|', { h, o }).pipe(closeHalted({ desk }));
      // 5 × (99 − 100) − 5 × 0.0005 × 199 = −5.4975 USDT; (−1 − 0.0995) / 2 = −0.54975 R.
      const closed = {
        ...trade, exitTimeMs: lastEndMs, exitPrice: 99, outcome: 'EXPIRED', rMultiple: expect.closeTo(-0.54975, 12), pnl: expect.closeTo(-5.4975, 12),
        equityAfter: expect.closeTo(994.5025, 9), exitReason: { code: 'symbol_halted', detail: { symbol: 'BTCUSDT', status: 'SETTLING' } },
      };
      const pauseStart = expect.objectContaining({ kind: 'start', atMs: lastEndMs, verdict: expect.objectContaining({ rule: 'globalLossStreak', startMs: lastEndMs }) });
      expectObservable(out).toBe('x-y|', {
        x: { kind: 'halt', halt: h, closedTrade: closed, memoryEvents: expect.arrayContaining([pauseStart]) },
        y: { kind: 'halt', halt: o, closedTrade: null, memoryEvents: [] },
      });
    });
    expect(desk.openTrades.size, 'the symbol is free').toBe(0);
    expect(desk.equityUsdt, 'equity moved by the pnl').toBeCloseTo(994.5025, 9);
    expect(desk.memoryState.gate({ symbol: 'XRPUSDT', model: 'reversal' }).map((l) => l.rule), 'the third loss in a row pauses, as any EXPIRED loss').toEqual(['globalLossStreak']);
  });

  it('passes an upstream error through, completes with its source, releases it when unsubscribed', () => {
    const err = new DataError('shape', 'bad');
    newScheduler().run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const desk = makeDesk();
      const h = halt('SOLUSDT', T0);
      const failing = hot('-h-#', { h }, err);
      expectObservable(failing.pipe(closeHalted({ desk }))).toBe('-x-#', { x: { kind: 'halt', halt: h, closedTrade: null, memoryEvents: [] } }, err);
      const done = cold('h|', { h });
      expectObservable(done.pipe(closeHalted({ desk }))).toBe('x|', { x: expect.objectContaining({ halt: h }) });
      const long = hot('-h---h-|', { h });
      expectObservable(long.pipe(closeHalted({ desk })), '^--!').toBe('-x--', { x: expect.objectContaining({ halt: h }) });
      expectSubscriptions(long.subscriptions).toBe('^--!');
    });
  });
});
