import { describe, expect, it } from 'vitest';
import type { ClosedTrade, OpenTrade } from '../../src/domain/trade.js';
import { trackOutcome } from '../../src/operators/trackOutcome.js';
import { HALF_HOUR_MS, HOUR_MS, T0, candleEnding, quietCandle } from './support/candles.js';
import { makeDesk } from './support/desk.js';
import { itKeepsTheStreamContract } from './support/lifecycle.js';
import { newScheduler } from './support/marbles.js';
import { stepOn } from './support/steps.js';
import { longTrade, lostTrade } from './support/trades.js';

/** The closed trade as MODELS.md defines it: fills at the level, 5 bps per side, equity moved by pnl. */
function closedAt(trade: OpenTrade, exitPrice: number, exitTimeMs: number, outcome: ClosedTrade['outcome'], equityBefore: number): ClosedTrade {
  const perUnit = exitPrice - trade.entry - 0.0005 * (trade.entry + exitPrice);
  const pnl = trade.quantity * perUnit;
  return { ...trade, exitTimeMs, exitPrice, outcome, rMultiple: perUnit / (trade.entry - trade.stopLoss), pnl, equityAfter: equityBefore + pnl };
}

describe('trackOutcome', () => {
  it('closes a same-candle SL and TP hit as a LOSS, moves equity, frees the symbol and feeds memory; never on the signal candle', () => {
    const trade = longTrade(7, 'BTCUSDT', T0);
    const desk = makeDesk({ openTrades: [trade], equityUsdt: 1000 });
    // Two losses elsewhere already: the BTC loss is the third in a row (rule 2 pauses everything).
    desk.memory.onTradeClosed(lostTrade(1, 'ETHUSDT', T0 - 2 * HOUR_MS));
    desk.memory.onTradeClosed(lostTrade(2, 'SOLUSDT', T0 - HOUR_MS));
    desk.memory.advanceTo(T0);
    const before = desk.memoryState;
    const exitMs = T0 + HALF_HOUR_MS;
    const s = stepOn(candleEnding('BTCUSDT', T0, { low: 90, high: 110 }));
    const e = stepOn(candleEnding('ETHUSDT', exitMs, { low: 90, high: 110 }));
    const b = stepOn(candleEnding('BTCUSDT', exitMs, { low: 97, high: 105 }));
    const c = stepOn(candleEnding('BTCUSDT', exitMs + HALF_HOUR_MS, { low: 90, high: 110 }));
    const closed = closedAt(trade, 98, exitMs, 'LOSS', 1000);
    const pauseStart = expect.objectContaining({
      kind: 'start', atMs: exitMs,
      verdict: expect.objectContaining({ type: 'lock', rule: 'globalLossStreak', startMs: exitMs, untilMs: exitMs + 12 * HOUR_MS }),
    });
    newScheduler().run(({ hot, expectObservable }) => {
      const steps = hot('-s-e-b-c-|', { s, e, b, c });
      const out = steps.pipe(trackOutcome({ desk }));
      expectObservable(out).toBe('-s-e-x-c-|', { s, e, x: { ...b, closedTrade: closed, memoryEvents: expect.arrayContaining([pauseStart]) }, c });
    });
    expect(desk.openTrades.has('BTCUSDT'), 'the symbol is free for a scan on this very candle').toBe(false);
    expect(desk.equityUsdt, 'equity moved by the pnl').toBeCloseTo(1000 + closed.pnl, 9);
    expect(closed.pnl, 'a loss of about 1 R at 1 % risk on 5 units').toBeLessThan(0);
    expect(desk.memoryState, 'the desk\'s memory was refreshed on the close').not.toBe(before);
    expect(desk.memoryState.gate({ symbol: 'XRPUSDT', model: 'reversal' }).map((l) => l.rule), 'the gate will read the new pause').toEqual(['globalLossStreak']);
  });

  it('expires on the signal interval clock: a 4h trade outlives 48 half-hours', () => {
    const trade: OpenTrade = { ...longTrade(9, 'ETHUSDT', T0), interval: '4h', expiresAtMs: T0 + 48 * 4 * HOUR_MS };
    const desk = makeDesk({ openTrades: [trade] });
    const a = stepOn(quietCandle('ETHUSDT', T0 + 48 * HALF_HOUR_MS));
    const z = stepOn(quietCandle('ETHUSDT', trade.expiresAtMs));
    newScheduler().run(({ cold, expectObservable }) => {
      const out = cold('a-z|', { a, z }).pipe(trackOutcome({ desk }));
      const expired = closedAt(trade, 100, trade.expiresAtMs, 'EXPIRED', 1000);
      expectObservable(out).toBe('a-x|', { a, x: { ...z, closedTrade: expired, memoryEvents: expect.any(Array) } });
    });
  });

  itKeepsTheStreamContract(
    () => trackOutcome({ desk: makeDesk({ openTrades: [longTrade(3, 'SOLUSDT', T0)] }) }),
    () => [stepOn(quietCandle('BTCUSDT', T0 + HALF_HOUR_MS)), stepOn(quietCandle('SOLUSDT', T0 + HALF_HOUR_MS))],
  );
});
