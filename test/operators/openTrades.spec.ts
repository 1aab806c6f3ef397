import { describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/kline.js';
import type { Signal } from '../../src/domain/signal.js';
import type { OpenTrade } from '../../src/domain/trade.js';
import { openTrades } from '../../src/operators/openTrades.js';
import { HALF_HOUR_MS, T0, quietCandle } from './support/candles.js';
import { makeDesk } from './support/desk.js';
import { itKeepsTheStreamContract } from './support/lifecycle.js';
import { newScheduler } from './support/marbles.js';
import { provisional } from './support/signals.js';
import { stepOn } from './support/steps.js';

/** The paper trade MODELS.md opens for a sent signal: at its entry and end, expiring 48 candles of its interval later. */
function tradeOf(s: Signal, signalId: number): OpenTrade {
  return {
    signalId, symbol: s.symbol, interval: s.interval, model: s.model, side: s.side, entry: s.entry, stopLoss: s.stopLoss,
    takeProfit: s.takeProfit, quantity: s.quantity, openedAtMs: s.endMs, expiresAtMs: s.endMs + 48 * INTERVAL_MS[s.interval],
  };
}
const blocked = (s: Signal): Signal => ({ ...s, status: 'blocked', reasons: [{ code: 'open_trade', detail: { symbol: s.symbol } }] });

describe('openTrades', () => {
  it('numbers decisions in order from the desk counter and opens a trade for the sent one only', () => {
    const desk = makeDesk({ nextSignalId: 41 });
    const cont = provisional({ quantity: 4 });
    const rev = blocked(provisional({ model: 'reversal' }));
    const ethBlocked = blocked(provisional({ symbol: 'ETHUSDT' }));
    // A seed-profile 4h signal on SOL: its trade expires 48 × 4h later, not 48 × 30m.
    const sol4h = provisional({ symbol: 'SOLUSDT', interval: '4h', openTimeMs: T0 - INTERVAL_MS['4h'], quantity: 2 });
    const a = stepOn(quietCandle('BTCUSDT', T0), { decisions: [cont, rev] });
    const b = stepOn(quietCandle('ETHUSDT', T0), { decisions: [ethBlocked] });
    const c = stepOn(quietCandle('SOLUSDT', T0), { decisions: [sol4h] });
    newScheduler().run(({ hot, expectObservable }) => {
      expectObservable(hot('-a-b-c-|', { a, b, c }).pipe(openTrades({ desk }))).toBe('-a-b-c-|', {
        a: { ...a, recorded: [{ id: 41, signal: cont }, { id: 42, signal: rev }], opened: [tradeOf(cont, 41)] },
        b: { ...b, recorded: [{ id: 43, signal: ethBlocked }], opened: [] },
        c: { ...c, recorded: [{ id: 44, signal: sol4h }], opened: [tradeOf(sol4h, 44)] },
      });
    });
    expect(desk.nextSignalId, 'the counter moved past every recorded decision').toBe(45);
    expect(desk.openTrades.get('BTCUSDT')?.expiresAtMs, '48 half-hours after the signal candle end').toBe(T0 + 48 * HALF_HOUR_MS);
    expect([...desk.pinnedSymbols()].sort(), 'symbols with an open trade are pinned').toEqual(['BTCUSDT', 'SOLUSDT']);
  });

  it('never opens a second trade on a symbol that has one, and leaves steps without decisions alone', () => {
    const desk = makeDesk({ nextSignalId: 7 });
    const first = provisional({ quantity: 1 });
    const again = provisional({ model: 'reversal', quantity: 3, endMs: T0 + HALF_HOUR_MS });
    const a = stepOn(quietCandle('BTCUSDT', T0), { decisions: [first] });
    const n = stepOn(quietCandle('ETHUSDT', T0));
    const b = stepOn(quietCandle('BTCUSDT', T0 + HALF_HOUR_MS), { decisions: [again] });
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('anb|', { a, n, b }).pipe(openTrades({ desk }))).toBe('anb|', {
        a: { ...a, recorded: [{ id: 7, signal: first }], opened: [tradeOf(first, 7)] },
        n,
        b: { ...b, recorded: [{ id: 8, signal: again }], opened: [] },
      });
    });
    expect(desk.openTrades.get('BTCUSDT')?.signalId, 'the first trade stays').toBe(7);
  });

  itKeepsTheStreamContract(
    () => openTrades({ desk: makeDesk() }),
    () => [stepOn(quietCandle('BTCUSDT', T0)), stepOn(quietCandle('ETHUSDT', T0))],
  );
});
