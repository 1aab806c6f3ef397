import { describe, expect, it } from 'vitest';
import { utcDayOfSignal } from '../../src/core/risk/dailyCount.js';
import type { Reason, Signal } from '../../src/domain/signal.js';
import { dailyLimit } from '../../src/operators/dailyLimit.js';
import { HALF_HOUR_MS, HOUR_MS, T0, quietCandle } from './support/candles.js';
import { makeDesk } from './support/desk.js';
import { itKeepsTheStreamContract } from './support/lifecycle.js';
import { newScheduler } from './support/marbles.js';
import { provisional } from './support/signals.js';
import { stepOn } from './support/steps.js';

/** A scan of `symbol` on the 30m candle opening `openHour` hours after T0, with these provisional decisions. */
function scanAt(symbol: string, openHour: number, ...models: Array<'continuation' | 'reversal'>) {
  return scanWithMax(symbol, openHour, 5, ...models);
}
/** The same, with the daily maximum the memory gate set on each decision. */
function scanWithMax(symbol: string, openHour: number, effectiveDailyMax: number, ...models: Array<'continuation' | 'reversal'>) {
  const endMs = T0 + openHour * HOUR_MS + HALF_HOUR_MS;
  const decisions = models.map((model) => provisional({ symbol, model, endMs, effectiveDailyMax }));
  return stepOn(quietCandle(symbol, endMs), { decisions });
}
const block = (s: Signal, reason: Reason): Signal => ({ ...s, status: 'blocked', reasons: [...s.reasons, reason] });

describe('dailyLimit', () => {
  it('blocks the reversal of a scan whose continuation was sent (open_trade, not counted) and the day\'s (max+1)-th signal', () => {
    const desk = makeDesk();
    const a = scanWithMax('BTCUSDT', 10, 2, 'continuation', 'reversal');
    const b = scanWithMax('ETHUSDT', 15, 2, 'continuation');
    const c = scanWithMax('SOLUSDT', 23.5, 2, 'continuation', 'reversal'); // opens 23:30, ends 00:00 the next day
    const d = scanWithMax('BTCUSDT', 24, 2, 'reversal');
    const [ac, ar] = a.decisions;
    const [cc, cr] = c.decisions;
    newScheduler().run(({ hot, expectObservable }) => {
      expectObservable(hot('-a-b-c-d-|', { a, b, c, d }).pipe(dailyLimit({ desk }))).toBe('-a-b-c-d-|', {
        a: { ...a, decisions: [ac, block(ar!, { code: 'open_trade', detail: { symbol: 'BTCUSDT' } })] },
        // Sent: the blocked reversal above did not use up the day.
        b,
        // The 23:30 candle counts for the day it opened in, which is full.
        c: { ...c, decisions: [block(cc!, { code: 'daily_limit', detail: { sentToday: 2, max: 2 } }), block(cr!, { code: 'daily_limit', detail: { sentToday: 2, max: 2 } })] },
        d,
      });
    });
    const day = utcDayOfSignal(T0 + HALF_HOUR_MS);
    expect([desk.dailyCounts.get(day), desk.dailyCounts.get(day + 1)], 'only signals that stay sent are counted, by day').toEqual([2, 1]);
  });

  it('leaves signals blocked upstream alone and starts from the desk counts', () => {
    const day = utcDayOfSignal(T0 + HALF_HOUR_MS);
    const desk = makeDesk({ dailyCounts: new Map([[day, 4]]) });
    const blocked = { ...provisional({ symbol: 'ETHUSDT' }), status: 'blocked' as const, reasons: [{ code: 'pause', detail: { untilMs: 0, why: { kind: 'none' } } }] as Reason[] };
    const a = stepOn(quietCandle('ETHUSDT', T0 + HALF_HOUR_MS), { decisions: [blocked] });
    const b = scanAt('BTCUSDT', 1, 'continuation');
    const c = scanAt('SOLUSDT', 2, 'reversal');
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('abc|', { a, b, c }).pipe(dailyLimit({ desk }))).toBe('abc|', {
        a,
        b,
        c: { ...c, decisions: [block(c.decisions[0]!, { code: 'daily_limit', detail: { sentToday: 5, max: 5 } })] },
      });
    });
    expect(desk.dailyCounts.get(day), 'the fifth of the day was counted, nothing else').toBe(5);
  });

  it('counts the day once for everyone but admits each signal against its own maximum (a symbol-scoped daily cap)', () => {
    const desk = makeDesk();
    const a = scanWithMax('BTCUSDT', 1, 5, 'continuation');
    const b = scanWithMax('SOLUSDT', 2, 1, 'continuation');
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('ab|', { a, b }).pipe(dailyLimit({ desk }))).toBe('ab|', {
        a,
        b: { ...b, decisions: [block(b.decisions[0]!, { code: 'daily_limit', detail: { sentToday: 1, max: 1 } })] },
      });
    });
  });

  itKeepsTheStreamContract(
    () => dailyLimit({ desk: makeDesk() }),
    () => [stepOn(quietCandle('BTCUSDT', T0)), stepOn(quietCandle('ETHUSDT', T0))],
  );
});
