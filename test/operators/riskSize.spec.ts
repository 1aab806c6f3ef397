import { describe, expect, it } from 'vitest';
import type { AdjustmentVerdict } from '../../src/domain/memory.js';
import type { Signal } from '../../src/domain/signal.js';
import { riskSize } from '../../src/operators/riskSize.js';
import { T0, quietCandle } from './support/candles.js';
import { makeDesk, memoryWith } from './support/desk.js';
import { itKeepsTheStreamContract } from './support/lifecycle.js';
import { newScheduler } from './support/marbles.js';
import { provisional } from './support/signals.js';
import { stepOn } from './support/steps.js';

/** MODELS.md: quantity = equity × risk % / 100 / |entry − SL| (no lot step in these filters). */
const quantityOf = (equity: number, riskPct: number, s: Signal) => (equity * riskPct) / 100 / Math.abs(s.entry - s.stopLoss);

const decide = (...decisions: Signal[]) => stepOn(quietCandle(decisions[0]!.symbol, T0), { decisions });

describe('riskSize', () => {
  it('sizes sent signals on the paper equity, and blocked ones for the record without unblocking them', () => {
    const desk = makeDesk({ equityUsdt: 2000 });
    const btc = provisional();
    const eth = provisional({ symbol: 'ETHUSDT', side: 'SHORT', entry: 2000, stopLoss: 2050, takeProfit: 1900 });
    const blocked = provisional({ symbol: 'ETHUSDT', model: 'reversal', status: 'blocked', reasons: [{ code: 'pause', detail: { untilMs: 0, why: { kind: 'none' as const } } }] });
    const a = decide(btc);
    const b = decide(eth, blocked);
    newScheduler().run(({ hot, expectObservable }) => {
      expectObservable(hot('-a-b-|', { a, b }).pipe(riskSize({ desk }))).toBe('-a-b-|', {
        a: { ...a, decisions: [{ ...btc, quantity: quantityOf(2000, 1, btc) }] },
        b: { ...b, decisions: [{ ...eth, quantity: quantityOf(2000, 1, eth) }, { ...blocked, quantity: quantityOf(2000, 1, blocked) }] },
      });
    });
    expect(quantityOf(2000, 1, btc), '20 USDT at risk over a 5 USDT stop').toBe(4);
  });

  it('sizes at the risk the memory gate set on each signal, whatever the memory says now (it only sizes)', () => {
    const desk = makeDesk({ equityUsdt: 2000 });
    const riskCap: AdjustmentVerdict = { type: 'riskCap', rule: 'drawdownRiskCap', scope: { kind: 'global' }, maxRiskPct: 0.1, detail: { kind: 'none' as const } };
    desk.memoryState = memoryWith(T0, [riskCap]);
    const btc = provisional({ score: 78, riskPct: 0.5 });
    const a = decide(btc);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a }).pipe(riskSize({ desk }))).toBe('a|', {
        a: { ...a, decisions: [{ ...btc, quantity: quantityOf(2000, 0.5, btc) }] },
      });
    });
  });

  it('refuses a zero stop distance with reason size and quantity 0', () => {
    const desk = makeDesk();
    const flat = provisional({ stopLoss: 100 });
    const a = decide(flat);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a }).pipe(riskSize({ desk }))).toBe('a|', {
        a: { ...a, decisions: [{ ...flat, status: 'blocked', quantity: 0, reasons: [expect.objectContaining({ code: 'size' })] }] },
      });
    });
  });

  itKeepsTheStreamContract(
    () => riskSize({ desk: makeDesk() }),
    () => [stepOn(quietCandle('BTCUSDT', T0)), stepOn(quietCandle('ETHUSDT', T0))],
  );
});
