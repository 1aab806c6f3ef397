import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { map } from 'rxjs';
import { candleWindow, type WindowUpdate } from '../../src/operators/candleWindow.js';
import type { Sidecar } from '../../src/core/candles/symbolWindows.js';
import type { Interval, Kline } from '../../src/domain/kline.js';
import { exampleKlines, formingOf } from '../core/candles/support/exampleKlines.js';

const [d1, d2] = exampleKlines('BTCUSDT', '1d').slice(100, 102) as [Kline, Kline];
const [h1, h2, h3] = exampleKlines('BTCUSDT', '4h').slice(600, 603) as [Kline, Kline, Kline];
const [m1, m2, m3, m4] = exampleKlines('BTCUSDT', '30m').slice(4800, 4804) as [Kline, Kline, Kline, Kline];
const e1 = exampleKlines('ETHUSDT', '30m')[4800]!;
const klines = { d: d1, D: d2, h: h1, H: h2, i: h3, m: m1, M: m2, n: m3, N: m4, e: e1, f: formingOf(m3) };
const both = new Set(['BTCUSDT', 'ETHUSDT']);
const btcOnly = new Set(['BTCUSDT']);
const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** A snapshot taken at emission, since the windows object keeps changing afterwards. */
const snap = (u: WindowUpdate<unknown>) =>
  `${u.symbol} ${u.kline.interval}@${u.kline.openTimeMs} size=${u.windows.size(u.kline.interval)} newest=${u.windows.lastOpenTimeMs(u.kline.interval)} warm=${u.windows.warm}`;
const want = (k: Kline, size: number, warm: boolean) => `${k.symbol} ${k.interval}@${k.openTimeMs} size=${size} newest=${k.openTimeMs} warm=${warm}`;

describe('candleWindow', () => {
  it('counts each closed candle in its series and turns warm once every interval has enough', () => {
    newScheduler().run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const source = hot('-d-h-m-D-H-M-i-|', klines);
      const universe = cold('u', { u: both });
      const out = source.pipe(candleWindow({ warmCandles: 2, universe$: universe }), map(snap));
      expectObservable(out).toBe('-a-b-c-d-e-f-g-|', {
        a: want(d1, 1, false), b: want(h1, 1, false), c: want(m1, 1, false), d: want(d2, 2, false),
        e: want(h2, 2, false), f: want(m2, 2, true), g: want(h3, 3, true),
      });
      expectSubscriptions(source.subscriptions).toBe('^--------------!');
      expectSubscriptions(universe.subscriptions).toBe('^--------------!');
    });
  });

  it('feeds every closed candle to the sidecar of its series, in order', () => {
    const fed = new Map<Interval, Kline[]>();
    newScheduler().run(({ hot, cold, expectObservable }) => {
      const source = hot('-m-h-M-n-|', klines);
      const deps = {
        universe$: cold('u', { u: both }),
        createSidecar: (symbol: string, interval: Interval) => {
          const seen: Kline[] = [];
          fed.set(interval, seen);
          return { symbol, add: (k: Kline) => void seen.push(k) };
        },
      };
      const out = source.pipe(candleWindow(deps), map((u) => u.windows.sidecar(u.kline.interval)?.symbol));
      expectObservable(out).toBe('-s-s-s-s-|', { s: 'BTCUSDT' });
    });
    expect(fed.get('30m'), '30m sidecar').toEqual([m1, m2, m3]);
    expect(fed.get('4h'), '4h sidecar').toEqual([h1]);
    expect(fed.get('1d'), '1d sidecar saw nothing').toEqual([]);
  });

  it('ignores forming candles and candles not newer than the newest of its series', () => {
    newScheduler().run(({ hot, cold, expectObservable }) => {
      const source = hot('-m-f-m-M-m-|', klines);
      const out = source.pipe(candleWindow({ universe$: cold('u', { u: both }) }), map(snap));
      expectObservable(out).toBe('-a-----b---|', { a: want(m1, 1, false), b: want(m2, 2, false) });
    });
  });

  it('frees the windows of a symbol that leaves the universe and ignores its candles', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-m-e-M-e-e-n-|', klines);
      const universe = hot('u---b---u-----', { u: both, b: btcOnly });
      const out = source.pipe(candleWindow({ universe$: universe }), map(snap));
      expectObservable(out).toBe('-a-x-b---y-c-|', {
        a: want(m1, 1, false), x: want(e1, 1, false), b: want(m2, 2, false),
        y: want(e1, 1, false), c: want(m3, 3, false),
      });
    });
  });

  it('passes an error through and releases the universe', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-m-#', klines, new Error('gate died'));
      const universe = hot('u---', { u: both });
      expectObservable(source.pipe(candleWindow({ universe$: universe }), map(snap)))
        .toBe('-a-#', { a: want(m1, 1, false) }, new Error('gate died'));
      expectSubscriptions(universe.subscriptions).toBe('^--!');
    });
  });

  it('errors (not throws) when a sidecar fails, and releases source and universe', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-m-M-n-|', klines);
      const universe = hot('u-------', { u: both });
      const failure = new Error('sidecar failed');
      const createSidecar = () => ({
        add: (k: Kline) => {
          if (k.openTimeMs === m2.openTimeMs) throw failure;
        },
      });
      expectObservable(source.pipe(candleWindow<Sidecar>({ universe$: universe, createSidecar }), map(snap)))
        .toBe('-a-#', { a: want(m1, 1, false) }, failure);
      expectSubscriptions(source.subscriptions).toBe('^--!');
      expectSubscriptions(universe.subscriptions).toBe('^--!');
    });
  });

  it('releases source and universe on early unsubscribe', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-m-M-n-|', klines);
      const universe = hot('u-------', { u: both });
      expectObservable(source.pipe(candleWindow({ universe$: universe }), map(snap)), '^--!')
        .toBe('-a-', { a: want(m1, 1, false) });
      expectSubscriptions(source.subscriptions).toBe('^--!');
      expectSubscriptions(universe.subscriptions).toBe('^--!');
    });
  });
});
