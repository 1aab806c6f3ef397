import { describe, expect, it } from 'vitest';
import { tap } from 'rxjs';
import { SEED_RULES } from '../../src/core/memory/rules/index.js';
import type { MemoryState } from '../../src/core/memory/state.js';
import { klineEndMs } from '../../src/domain/kline.js';
import { expireLocks } from '../../src/operators/expireLocks.js';
import { HALF_HOUR_MS, HOUR_MS, T0, quietCandle } from './support/candles.js';
import { makeDesk } from './support/desk.js';
import { itKeepsTheStreamContract } from './support/lifecycle.js';
import { newScheduler } from './support/marbles.js';
import { exampleFeaturesAt, stepOn } from './support/steps.js';
import { lostTrade } from './support/trades.js';

const BTC = { symbol: 'BTCUSDT', model: 'continuation' } as const;

/** A desk whose BTCUSDT cooldown (rule 5: two losses) started at T0 − 1 h; its start already reported. */
function cooledDownDesk() {
  const desk = makeDesk();
  desk.memory.onTradeClosed(lostTrade(1, 'BTCUSDT', T0 - 2 * HOUR_MS));
  desk.memory.onTradeClosed(lostTrade(2, 'BTCUSDT', T0 - HOUR_MS));
  desk.memory.advanceTo(T0);
  desk.refreshMemory(T0);
  return desk;
}

describe('expireLocks', () => {
  it('lifts a lock ending at the candle end before the candle is processed, and refreshes the desk\'s memory', () => {
    const desk = cooledDownDesk();
    const lock = desk.memoryState.gate(BTC)[0]!;
    const untilMs = T0 - HOUR_MS + 24 * HOUR_MS;
    expect([lock.rule, lock.startMs, lock.untilMs], 'the cooldown under test: 24 h from the second loss').toEqual(['symbolLossStreak', T0 - HOUR_MS, untilMs]);
    const states: MemoryState[] = [];
    const blockedWhenPassed: number[] = [];
    const a = stepOn(quietCandle('BTCUSDT', untilMs - HALF_HOUR_MS));
    const b = stepOn(quietCandle('ETHUSDT', untilMs));
    const c = stepOn(quietCandle('BTCUSDT', untilMs));
    newScheduler().run(({ hot, expectObservable }) => {
      const steps = hot('-a-b-c-|', { a, b, c });
      const out = steps.pipe(
        expireLocks({ desk }),
        tap(() => {
          states.push(desk.memoryState);
          blockedWhenPassed.push(desk.memoryState.gate(BTC).length);
        }),
      );
      const ended = { ...b, memoryEvents: [{ kind: 'end', atMs: untilMs, verdict: lock }] };
      expectObservable(out).toBe('-a-b-c-|', { a, b: ended, c });
    });
    expect(blockedWhenPassed, 'the next stage sees the lock until its end, then not').toEqual([1, 0, 0]);
    expect(states.map((s) => s.asOfMs), 'the desk holds the state at each candle end').toEqual([untilMs - HALF_HOUR_MS, untilMs, untilMs]);
    expect(states.map((s) => s.gate(BTC).length), 'with the lock lifted').toEqual([1, 0, 0]);
  });

  it('keeps memory events a step already carries and adds the lock end after them', () => {
    const desk = cooledDownDesk();
    const lock = desk.memoryState.gate(BTC)[0]!;
    const earlier = { kind: 'start' as const, atMs: lock.startMs, verdict: lock };
    const a = stepOn(quietCandle('BTCUSDT', lock.untilMs), { memoryEvents: [earlier] });
    newScheduler().run(({ cold, expectObservable }) => {
      const out = cold('a|', { a }).pipe(expireLocks({ desk }));
      expectObservable(out).toBe('a|', { a: { ...a, memoryEvents: [earlier, { kind: 'end', atMs: lock.untilMs, verdict: lock }] } });
    });
  });

  it('feeds a market rule the newest 1D candle the step\'s windows hold: its start is at that candle\'s end, and the gate sees it', () => {
    const chop = { id: 'symbolChop', kind: 'chopThreshold', scope: 'symbol', params: { belowTrendAtr: 20, thresholdAdd: 10 } } as const;
    const desk = makeDesk({ rules: [...SEED_RULES, chop] });
    const dayEnd = Date.UTC(2025, 3, 1);
    const first = exampleFeaturesAt('BTCUSDT', dayEnd - HALF_HOUR_MS);
    const second = exampleFeaturesAt('BTCUSDT', dayEnd);
    const previousDayEnd = klineEndMs(first.features['1d'].last!);
    expect([previousDayEnd, klineEndMs(second.features['1d'].last!)], 'the windows: the 23:30 step holds the day before, the 00:00 step the day just closed').toEqual([dayEnd - 24 * HOUR_MS, dayEnd]);
    const out: { events: number[]; threshold: number }[] = [];
    newScheduler().run(({ cold }) => {
      cold('ab|', { a: stepOn(first.kline, { features: first.features }), b: stepOn(second.kline, { features: second.features }) })
        .pipe(expireLocks({ desk }))
        .subscribe((step) => out.push({ events: step.memoryEvents.map((e) => e.atMs), threshold: desk.memoryState.limitsFor({ symbol: 'BTCUSDT', model: 'reversal' }).threshold }));
    });
    expect(out, 'a start at the previous day\'s end on the first step; the next day holds the same verdict, so no event').toEqual([
      { events: [previousDayEnd], threshold: 85 },
      { events: [], threshold: 85 },
    ]);
  });

  itKeepsTheStreamContract(
    () => expireLocks({ desk: makeDesk() }),
    () => [stepOn(quietCandle('BTCUSDT', T0)), stepOn(quietCandle('BTCUSDT', T0 + HALF_HOUR_MS))],
  );
});
