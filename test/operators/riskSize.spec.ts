import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import type { Candidate, Signal } from '../../src/domain/signal.js';
import { DataError } from '../../src/domain/errors.js';
import type { EffectiveLimits } from '../../src/core/risk/effectiveLimits.js';
import { riskSize } from '../../src/operators/riskSize.js';

const BTC = { tickSize: 0.1, stepSize: 0.001, minQty: 0.001, minNotional: 100 };
const candidate: Candidate = {
  symbol: 'BTCUSDT', interval: '30m', openTimeMs: 1735691400000, endMs: 1735693200000, model: 'continuation',
  side: 'LONG', score: 82, breakdown: { trend: 25 }, entry: 94363.6, stopLoss: 93500.2, takeProfit: 96090.5,
};
const later: Candidate = { ...candidate, openTimeMs: 1735693200000, endMs: 1735695000000 };

function setup() {
  const rx = new TestScheduler((actual, expected) => expect(actual, 'marbles').toEqual(expected));
  let riskPct = 1;
  const limits = (): EffectiveLimits => ({ threshold: () => 75, riskPct, dailyMax: 5 });
  const op = riskSize({ limits, equityUsdt: () => 1000, filters: () => BTC });
  return { rx, op, setRiskPct: (v: number) => (riskPct = v) };
}

const sent = (c: Candidate, quantity: number, riskPct: number): Signal => ({
  ...c, status: 'sent', quantity, riskPct, effectiveThreshold: 75, reasons: [],
});

describe('riskSize', () => {
  it('sizes each candidate with the limits current at that moment', () => {
    const { rx, op, setRiskPct } = setup();
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const candidates = hot('-a--b-|', { a: candidate, b: later });
      // Rule 4 caps risk at 0.5 % between the two candidates.
      hot('--x', { x: 0.5 }).subscribe(setRiskPct);
      // 10 USDT / 863.4 → 0.011; 5 USDT / 863.4 → 0.005.
      expectObservable(candidates.pipe(op)).toBe('-s--t-|', { s: sent(candidate, 0.011, 1), t: sent(later, 0.005, 0.5) });
      expectSubscriptions(candidates.subscriptions).toBe('^-----!');
    });
  });

  it('blocks with reason size and passes upstream-blocked signals unchanged', () => {
    const { rx, op } = setup();
    const tooClose = { ...candidate, stopLoss: candidate.entry - 0.04 };
    const paused: Signal = { ...sent(candidate, 0, 1), status: 'blocked', reasons: [{ code: 'pause', detail: 'paused' }] };
    rx.run(({ hot, expectObservable }) => {
      const out = hot('-a-p-|', { a: tooClose, p: paused }).pipe(op);
      expectObservable(out).toBe('-x-p-|', {
        x: {
          ...tooClose, status: 'blocked', quantity: 0, riskPct: 1, effectiveThreshold: 75,
          reasons: [{ code: 'size', detail: 'stop distance is zero (entry 94363.6, stop 94363.6)' }],
        },
        p: paused,
      });
    });
  });

  it('passes an error through', () => {
    const { rx, op } = setup();
    const error = new DataError('shape', 'bad candidate');
    rx.run(({ hot, expectObservable }) => {
      expectObservable(hot('-a-#', { a: candidate }, error).pipe(op)).toBe('-s-#', { s: sent(candidate, 0.011, 1) }, error);
    });
  });

  it('releases the source on early unsubscribe', () => {
    const { rx, op } = setup();
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const candidates = hot('-a--b-|', { a: candidate, b: later });
      expectObservable(candidates.pipe(op), '^--!').toBe('-s--', { s: sent(candidate, 0.011, 1) });
      expectSubscriptions(candidates.subscriptions).toBe('^--!');
    });
  });
});
