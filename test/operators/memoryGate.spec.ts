import { describe, expect, it } from 'vitest';
import { BehaviorSubject } from 'rxjs';
import type { AdjustmentVerdict, LockVerdict, Scope } from '../../src/domain/memory.js';
import type { Candidate, ModelName, Reason, Signal } from '../../src/domain/signal.js';
import { memoryGate, memoryGateStage } from '../../src/operators/memoryGate.js';
import type { MemoryState } from '../../src/core/memory/state.js';
import { adjustmentReason } from '../../src/core/desk/lockReasons.js';
import { HALF_HOUR_MS, HOUR_MS, T0, quietCandle } from './support/candles.js';
import { memoryWith } from './support/desk.js';
import { itKeepsTheStreamContract } from './support/lifecycle.js';
import { newScheduler } from './support/marbles.js';
import { candidate } from './support/signals.js';
import { stepOn } from './support/steps.js';

const BOTH = new Set<ModelName>(['continuation', 'reversal']);
const config = { scoreThreshold: 75, enabledModels: BOTH };

function lock(rule: string, scope: Scope): LockVerdict {
  return { type: 'lock', rule, scope, startMs: T0 - HOUR_MS, untilMs: T0 + 11 * HOUR_MS, detail: { kind: 'none' as const } };
}
/** The reason a lock gives, by the code its scope should map to. */
function lockReason(l: LockVerdict, code: 'pause' | 'symbol_cooldown' | 'model_disabled'): Reason {
  const base = { untilMs: l.untilMs, why: l.detail };
  if (code === 'pause') return { code, detail: base, rule: l.rule };
  if (code === 'symbol_cooldown') return { code, detail: { ...base, symbol: l.scope.kind === 'symbol' ? l.scope.symbol : '?' }, rule: l.rule };
  return { code, detail: { ...base, model: l.scope.kind === 'model' ? l.scope.model : 'continuation' }, rule: l.rule };
}

/** A candle of `symbol` ending at `endMs` whose scan proposed `candidates`. */
function scanned(symbol: string, endMs: number, ...candidates: Candidate[]) {
  return stepOn(quietCandle(symbol, endMs), { candidates: candidates.map((c) => ({ ...c, symbol, endMs, openTimeMs: endMs - HALF_HOUR_MS })) });
}
function decided(c: Candidate, status: Signal['status'], reasons: Reason[], effectiveThreshold = 75, riskPct = 1, effectiveDailyMax = 5): Signal {
  return { ...c, status, quantity: 0, riskPct, effectiveThreshold, effectiveDailyMax, reasons };
}

describe('memoryGate', () => {
  it('drops candidates under the unadjusted threshold and attaches the memory adjustments to the rest', () => {
    const threshold: AdjustmentVerdict = { type: 'threshold', rule: 'globalWinRate', scope: { kind: 'global' }, add: 5, detail: { kind: 'none' as const } };
    const riskCap: AdjustmentVerdict = { type: 'riskCap', rule: 'drawdownRiskCap', scope: { kind: 'global' }, maxRiskPct: 0.5, detail: { kind: 'none' as const } };
    const memory$ = new BehaviorSubject(memoryWith(T0, [threshold, riskCap]));
    const a = scanned('BTCUSDT', T0, candidate({ score: 74.9 }), candidate({ model: 'reversal', side: 'SHORT', score: 78 }));
    const z = scanned('ETHUSDT', T0, candidate({ score: 60 }));
    const [, rev] = a.candidates;
    const adjustments: Reason[] = [
      { code: 'threshold_raised', detail: { add: 5, why: { kind: 'none' } }, rule: 'globalWinRate' },
      { code: 'risk_cap', detail: { maxRiskPct: 0.5, why: { kind: 'none' } }, rule: 'drawdownRiskCap' },
    ];
    newScheduler().run(({ hot, expectObservable }) => {
      const steps = hot('-a-z-|', { a, z });
      // 78 is under the effective 80 but reaches SCORE_THRESHOLD: recorded, blocked here (the one decision point).
      expectObservable(steps.pipe(memoryGate({ config, memory: () => memory$.value }))).toBe('-a-z-|', {
        a: { ...a, decisions: [decided(rev!, 'blocked', [...adjustments, { code: 'threshold', detail: { score: 78, threshold: 80 } }], 80, 0.5)] },
        z: { ...z, decisions: [] },
      });
    });
  });

  it('blocks with the lock reason codes, reading the memory as it is at each candle', () => {
    const pause = lock('globalLossStreak', { kind: 'global' });
    const cooldown = lock('symbolLossStreak', { kind: 'symbol', symbol: 'BTCUSDT' });
    const reversalOff = lock('reversalWinRate', { kind: 'model', model: 'reversal' });
    const cont = candidate();
    const rev = candidate({ model: 'reversal', side: 'SHORT' });
    const a = scanned('BTCUSDT', T0, cont);
    const b = scanned('BTCUSDT', T0 + HALF_HOUR_MS, cont);
    const c = scanned('ETHUSDT', T0 + HALF_HOUR_MS, cont);
    const d = scanned('ETHUSDT', T0 + HOUR_MS, cont, rev);
    const e = scanned('ETHUSDT', T0 + 11 * HOUR_MS, rev);
    newScheduler().run(({ hot, expectObservable }) => {
      // The memory changes between candles, as the stages before the gate refresh it.
      let current: MemoryState | undefined;
      hot('p-s----m', { p: memoryWith(T0, [pause]), s: memoryWith(T0, [cooldown]), m: memoryWith(T0, [reversalOff]) }).subscribe((m) => (current = m));
      const steps = hot('-a-b-c--d-e-|', { a, b, c, d, e });
      const [ca, cb, cc, cd, ce] = [a, b, c, d, e].map((s) => s.candidates);
      expectObservable(steps.pipe(memoryGate({ config, memory: () => current! }))).toBe('-a-b-c--d-e-|', {
        a: { ...a, decisions: [decided(ca![0]!, 'blocked', [lockReason(pause, 'pause')])] },
        b: { ...b, decisions: [decided(cb![0]!, 'blocked', [lockReason(cooldown, 'symbol_cooldown')])] },
        c: { ...c, decisions: [decided(cc![0]!, 'sent', [])] },
        d: { ...d, decisions: [decided(cd![0]!, 'sent', []), decided(cd![1]!, 'blocked', [lockReason(reversalOff, 'model_disabled')])] },
        // The lock holds while start ≤ now < until: a candle ending at its until passes.
        e: { ...e, decisions: [decided(ce![0]!, 'sent', [])] },
      });
    });
  });

  it('blocks a model switched off in config as model_off, after any lock reason', () => {
    const reversalOff = lock('reversalWinRate', { kind: 'model', model: 'reversal' });
    const memory$ = new BehaviorSubject(memoryWith(T0, [reversalOff]));
    const onlyContinuation = { scoreThreshold: 75, enabledModels: new Set<ModelName>(['continuation']) };
    const a = scanned('SOLUSDT', T0, candidate(), candidate({ model: 'reversal', score: 90 }));
    const [cont, rev] = a.candidates;
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a }).pipe(memoryGate({ config: onlyContinuation, memory: () => memory$.value }))).toBe('a|', {
        a: { ...a, decisions: [
          decided(cont!, 'sent', []),
          decided(rev!, 'blocked', [lockReason(reversalOff, 'model_disabled'), { code: 'model_off', detail: { model: 'reversal' } }]),
        ] },
      });
    });
    expect(a.decisions, 'the input step is not mutated').toEqual([]);
  });

  it('applies a model-scoped threshold to that model only, and symbol-scoped caps to that symbol only', () => {
    const reversalStricter: AdjustmentVerdict = { type: 'threshold', rule: 'reversalWinRate', scope: { kind: 'model', model: 'reversal' }, add: 10, detail: { kind: 'none' as const } };
    const solRisk: AdjustmentVerdict = { type: 'riskCap', rule: 'drawdownRiskCap', scope: { kind: 'symbol', symbol: 'SOLUSDT' }, maxRiskPct: 0.25, detail: { kind: 'none' as const } };
    const solDaily: AdjustmentVerdict = { type: 'dailyCap', rule: 'drawdownDailyCap', scope: { kind: 'symbol', symbol: 'SOLUSDT' }, maxSignals: 1, detail: { kind: 'none' as const } };
    const memory$ = new BehaviorSubject(memoryWith(T0, [reversalStricter, solRisk, solDaily]));
    const btc = scanned('BTCUSDT', T0, candidate({ score: 80 }), candidate({ model: 'reversal', side: 'SHORT', score: 80 }));
    const sol = scanned('SOLUSDT', T0, candidate({ score: 80 }));
    const [btcCont, btcRev] = btc.candidates;
    const [solCont] = sol.candidates;
    const reason = (v: AdjustmentVerdict): Reason => adjustmentReason(v)!;
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('ab|', { a: btc, b: sol }).pipe(memoryGate({ config, memory: () => memory$.value }))).toBe('ab|', {
        a: { ...btc, decisions: [
          decided(btcCont!, 'sent', []),
          decided(btcRev!, 'blocked', [reason(reversalStricter), { code: 'threshold', detail: { score: 80, threshold: 85 } }], 85),
        ] },
        b: { ...sol, decisions: [decided(solCont!, 'sent', [reason(solRisk), reason(solDaily)], 75, 0.25, 1)] },
      });
    });
  });

  itKeepsTheStreamContract(
    () => memoryGate({ config, memory: () => memoryWith(T0, []) }),
    () => [stepOn(quietCandle('BTCUSDT', T0)), stepOn(quietCandle('ETHUSDT', T0))],
  );

  it('gives every candidate a verdict touches the same reason object, built once (what the signal rows share)', () => {
    const pause = lock('globalLossStreak', { kind: 'global' });
    const riskCap: AdjustmentVerdict = { type: 'riskCap', rule: 'drawdownRiskCap', scope: { kind: 'global' }, maxRiskPct: 0.5, detail: { kind: 'none' as const } };
    const gate = memoryGateStage({ config });
    const memory = memoryWith(T0, [pause, riskCap]);
    const [a] = gate(scanned('BTCUSDT', T0, candidate({ score: 80 })), memory).decisions;
    const [b] = gate(scanned('ETHUSDT', T0 + HALF_HOUR_MS, candidate({ score: 90 })), memory).decisions;
    expect(a!.reasons).toEqual([lockReason(pause, 'pause'), adjustmentReason(riskCap)]);
    expect(b!.reasons).toEqual(a!.reasons);
    expect(b!.reasons[0]).toBe(a!.reasons[0]);
    expect(b!.reasons[1]).toBe(a!.reasons[1]);
  });
});
