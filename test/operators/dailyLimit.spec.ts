import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import type { Signal } from '../../src/domain/signal.js';
import { DataError } from '../../src/domain/errors.js';
import { countSentByDay } from '../../src/core/risk/dailyCount.js';
import { dailyLimit } from '../../src/operators/dailyLimit.js';

const HALF_HOUR = 1_800_000;
/** A sent 30m signal on the candle opening at that UTC time on 2025-03-10 (hour 24 = next day). */
function signalAt(hour: number, minute: number, symbol = 'ETHUSDT'): Signal {
  const openTimeMs = Date.UTC(2025, 2, 10, hour, minute);
  return {
    symbol, interval: '30m', openTimeMs, endMs: openTimeMs + HALF_HOUR, model: 'reversal', side: 'SHORT',
    score: 80, breakdown: {}, entry: 2000, stopLoss: 2030, takeProfit: 1960,
    status: 'sent', quantity: 0.3, riskPct: 1, effectiveThreshold: 75, reasons: [],
  };
}
const blockedBy = (s: Signal, sentBefore: number, max: number): Signal => ({
  ...s, status: 'blocked',
  reasons: [{ code: 'daily_limit', detail: `${sentBefore} signals sent this UTC day, max ${max}` }],
});

const newScheduler = () => new TestScheduler((actual, expected) => expect(actual, 'marbles').toEqual(expected));

describe('dailyLimit', () => {
  it('blocks beyond the max of the UTC day of close_time; the 23:30 candle is the old day', () => {
    const rx = newScheduler();
    const a = signalAt(22, 30), b = signalAt(23, 0), c = signalAt(23, 30, 'BTCUSDT'), d = signalAt(24, 0);
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const signals = hot('-a-b-c-d-|', { a, b, c, d });
      expectObservable(signals.pipe(dailyLimit({ dailyMax: () => 2 }))).toBe('-a-b-x-d-|', { a, b, x: blockedBy(c, 2, 2), d });
      expectSubscriptions(signals.subscriptions).toBe('^--------!');
    });
  });

  it('counts only sent signals, starts from seeded counts and reads the max per signal', () => {
    const rx = newScheduler();
    let max = 3;
    const blockedUpstream: Signal = { ...signalAt(9, 0), status: 'blocked', reasons: [{ code: 'size', detail: 'x' }] };
    const a = signalAt(10, 0), b = signalAt(11, 0);
    const initialCounts = countSentByDay([signalAt(1, 0).endMs]);
    rx.run(({ hot, expectObservable }) => {
      hot('---m', { m: 2 }).subscribe((v) => (max = v)); // rule 3 starts: max 2
      const out = hot('-u-a-b|', { u: blockedUpstream, a, b }).pipe(dailyLimit({ dailyMax: () => max, initialCounts }));
      // seed 1 + a = 2 reaches the new max; the blocked one was not counted.
      expectObservable(out).toBe('-u-a-x|', { u: blockedUpstream, a, x: blockedBy(b, 2, 2) });
    });
  });

  it('passes an error through after counting what came before', () => {
    const rx = newScheduler();
    const a = signalAt(10, 0), b = signalAt(11, 0);
    const error = new DataError('shape', 'bad row');
    rx.run(({ hot, expectObservable }) => {
      const out = hot('-a-b-#', { a, b }, error).pipe(dailyLimit({ dailyMax: () => 1 }));
      expectObservable(out).toBe('-a-x-#', { a, x: blockedBy(b, 1, 1) }, error);
    });
  });

  it('gives each subscription its own counts and releases the source on unsubscribe', () => {
    const rx = newScheduler();
    const a = signalAt(10, 0);
    rx.run(({ cold, expectObservable, expectSubscriptions }) => {
      const signals = cold('-a-a-|', { a });
      const limited = signals.pipe(dailyLimit({ dailyMax: () => 1 }));
      expectObservable(limited, '^--!').toBe('-a-', { a });
      expectObservable(limited, '^----!').toBe('-a-x-', { a, x: blockedBy(a, 1, 1) });
      expectSubscriptions(signals.subscriptions).toBe(['^--!', '^----!']);
    });
  });
});
