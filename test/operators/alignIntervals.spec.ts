import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { alignIntervals } from '../../src/operators/alignIntervals.js';
import type { Interval, Kline } from '../../src/domain/kline.js';
import { INTERVAL_MS } from '../../src/domain/kline.js';

const T0 = Date.UTC(2025, 0, 1); // a 1d, 4h and 30m boundary

function k(interval: Interval, endMs: number, symbol = 'BTCUSDT'): Kline {
  const openTimeMs = endMs - INTERVAL_MS[interval];
  return { symbol, interval, openTimeMs, closeTimeMs: endMs - 1, open: 1, high: 1, low: 1, close: 1, volume: 1, quoteVolume: 0, trades: 0, closed: true };
}

const H = 30 * 60_000;
const newScheduler = () => new TestScheduler((a, b) => expect(a).toEqual(b));

describe('alignIntervals', () => {
  // a: 30m ending at T0+4h (a 4h boundary), b: the 4h candle ending at T0+4h, c: a 30m not on a boundary
  const values = { a: k('30m', T0 + 8 * H), b: k('4h', T0 + 8 * H), c: k('30m', T0 + 9 * H), d: k('30m', T0 + 7 * H) };

  it('holds a 30m candle until the 4h candle closing with it arrives, then emits both in order', () => {
    const rx = newScheduler();
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const src = hot('-d-a-c-b-----|', values);
      expectObservable(src.pipe(alignIntervals({ maxWaitMs: 100, scheduler: rx }))).toBe('-d-----(bac)-|', values);
      expectSubscriptions(src.subscriptions).toBe('^------------!');
    });
  });

  it('lets a 30m candle go when the 4h candle is later than maxWaitMs, and says so', () => {
    const late: string[] = [];
    const rx = newScheduler();
    rx.run(({ hot, expectObservable }) => {
      const src = hot('-a 10ms b|', values);
      expectObservable(src.pipe(alignIntervals({ maxWaitMs: 5, scheduler: rx, onLate: (s, r) => late.push(`${s}:${r.length}`) }))).toBe(
        '- 5ms a 5ms b|',
        values,
      );
    });
    expect(late).toEqual(['BTCUSDT:1']);
  });

  it('passes an error through and releases what waits on completion', () => {
    const rx = newScheduler();
    rx.run(({ hot, expectObservable }) => {
      expectObservable(hot('-a-#', values).pipe(alignIntervals({ maxWaitMs: 100, scheduler: rx }))).toBe('---#');
      expectObservable(hot('-a-|', values).pipe(alignIntervals({ maxWaitMs: 100, scheduler: rx }))).toBe('---(a|)', values);
    });
  });

  it('does not hold candles of other symbols, and unsubscribing cancels the wait', () => {
    const rx = newScheduler();
    const e = k('30m', T0 + 8 * H, 'ETHUSDT');
    const f = k('4h', T0 + 8 * H, 'ETHUSDT');
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const src = hot('-a-f-e-', { ...values, e, f });
      expectObservable(src.pipe(alignIntervals({ maxWaitMs: 3, scheduler: rx })), '^---!').toBe('---f', { f });
      expectSubscriptions(src.subscriptions).toBe('^---!');
    });
  });
});
