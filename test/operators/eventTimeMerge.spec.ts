import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { map } from 'rxjs';
import { createWatermarkStats, eventTimeMerge, type EventTimeMergeDeps, type LiveStart } from '../../src/operators/eventTimeMerge.js';
import { DailySummaries } from '../../src/app/dailySummaries.js';
import { INTERVAL_MS, klineEndMs, type Interval, type Kline } from '../../src/domain/kline.js';
import { isHalt, type MarketEvent, type SymbolHalt } from '../../src/domain/halt.js';

const M30 = INTERVAL_MS['30m'];
/** 22:00 UTC: the history ends on a 4h and 30m boundary, the day ends four steps later. */
const T0 = Date.UTC(2025, 6, 1, 22);

function k(symbol: string, interval: Interval, endMs: number): Kline {
  return {
    symbol, interval, openTimeMs: endMs - INTERVAL_MS[interval], closeTimeMs: endMs - 1,
    open: 1, high: 1, low: 1, close: 1, volume: 1, quoteVolume: 0, trades: 0, closed: true,
  };
}

/** A symbol's history that makes all three intervals known up to T0: the last 1d, 4h and 30m candle. */
const history = (s: string) => [k(s, '1d', Date.UTC(2025, 6, 1)), k(s, '4h', T0), k(s, '30m', T0)];
/** Its 30m candle `n` steps after T0. */
const step = (s: string, n: number) => k(s, '30m', T0 + n * M30);

/** Marble values: x/y/z BTC's history, a–d its steps +1…+4; X/Y/Z and e–h the same for ETH; D/H and E/F the 1d/4h candles ending at +4 (00:00). */
const v = {
  x: history('BTC')[0]!, y: history('BTC')[1]!, z: history('BTC')[2]!,
  X: history('ETH')[0]!, Y: history('ETH')[1]!, Z: history('ETH')[2]!,
  a: step('BTC', 1), b: step('BTC', 2), c: step('BTC', 3), d: step('BTC', 4),
  e: step('ETH', 1), f: step('ETH', 2), g: step('ETH', 3), h: step('ETH', 4),
  D: k('BTC', '1d', T0 + 4 * M30), H: k('BTC', '4h', T0 + 4 * M30),
  E: k('ETH', '1d', T0 + 4 * M30), F: k('ETH', '4h', T0 + 4 * M30),
};
const label = (c: Kline) => Object.entries(v).find(([, c2]) => c2 === c)?.[0] ?? '?';
/** Expected values: each label stands for itself. */
const ids = Object.fromEntries(Object.keys(v).map((key) => [key, key]));
const both = new Set(['BTC', 'ETH']);
const resumeAt = (fromMs: number) => (): LiveStart => ({ fromMs, resume: true });
const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('eventTimeMerge', () => {
  const deps = (rx: TestScheduler, over: Partial<EventTimeMergeDeps> = {}): EventTimeMergeDeps => ({
    universe$: rx.createColdObservable('u', { u: both }), liveStart: resumeAt(T0), maxWaitMs: 60_000, scheduler: rx, ...over,
  });

  it('at normal skew, runs each step once every symbol has delivered it, in (end, symbol) order', () => {
    const rx = newScheduler();
    rx.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const source = hot('-(xyzXYZ) 10ms e 10ms a 10ms b 10ms f 10ms |', v);
      const universe = cold('u', { u: both });
      const out = source.pipe(eventTimeMerge(deps(rx, { universe$: universe })), map(label));
      // a at frame 30 releases (a e); f at 52 releases (b f).
      expectObservable(out).toBe('-(xyzXYZ) 21ms (ae) 18ms (bf) 7ms |', ids);
      expectSubscriptions(source.subscriptions).toBe('^ 62ms !');
      expectSubscriptions(universe.subscriptions).toBe('^ 62ms !');
    });
  });

  it('declares a silent symbol late after maxWaitMs, goes on without it, and orders it again once caught up', () => {
    const rx = newScheduler();
    const late: string[] = [];
    const caught: string[] = [];
    const stats = createWatermarkStats();
    rx.run(({ hot, expectObservable }) => {
      // a at 9 puts BTC ahead: the wait starts; b at 15 changes nothing; at 29 ETH is declared late.
      const source = hot('-(xyzXYZ)a 5ms b 40ms e 9ms f 9ms c 9ms g 9ms |', v);
      const out = source.pipe(
        eventTimeMerge(deps(rx, {
          maxWaitMs: 20, stats,
          onLate: (symbols, atMs) => late.push(`${symbols.join()}@${(atMs - T0) / M30}`),
          onCaughtUp: (symbol) => caught.push(symbol),
        })),
        map(label),
      );
      // e at 56 goes out in ETH's own order; f at 66 catches up (f ≤ the watermark, released at once);
      // c at 76 waits for g at 86 again.
      expectObservable(out).toBe('-(xyzXYZ) 20ms (ab) 23ms e 9ms f 19ms (cg) 6ms |', ids);
    });
    expect(late, 'one declaration, holding the watermark at T0').toEqual(['ETH@0']);
    expect(caught).toEqual(['ETH']);
    expect(stats.lateDeclarations).toBe(1);
    expect(stats.lateSymbols).toEqual([]);
    expect(stats.watermarkMs).toBe(T0 + 3 * M30);
  });

  it('lets a symbol joining the universe hold no one until it is warm, and one leaving release the others', () => {
    const rx = newScheduler();
    const joinAtMs = T0 + M30 + 60_000;
    rx.run(({ hot, expectObservable }) => {
      const universe = hot('u 9ms w 29ms o', { u: new Set(['BTC']), w: both, o: new Set(['BTC']) });
      const liveStart = (symbol: string): LiveStart => (symbol === 'BTC' ? { fromMs: T0, resume: true } : { fromMs: joinAtMs, resume: false });
      const source = hot('-(xyz)a 9ms (XYZe) 5ms b 5ms f 9ms c 9ms |', v);
      const out = source.pipe(eventTimeMerge(deps(rx, { universe$: universe, liveStart })), map(label));
      // a at 6 runs alone (ETH joins at 10); ETH's warm-up at 16 is its own history; b at 27 waits for
      // f at 33; after ETH leaves at 40, c at 43 runs alone.
      expectObservable(out).toBe('-(xyz)a 9ms (XYZe) 11ms (bf) 6ms c 9ms |', ids);
    });
  });

  it('after a restart, runs no catch-up step before every resuming symbol has caught up, then in (end, symbol) order', () => {
    const rx = newScheduler();
    rx.run(({ hot, expectObservable }) => {
      // Both resume at their cursor +1. BTC's warm-up (history through +3) comes first, ETH's later.
      const source = hot('-(xyzabc) 10ms (XYZefg) 5ms |', v);
      const out = source.pipe(eventTimeMerge(deps(rx, { liveStart: resumeAt(T0 + M30) })), map(label));
      // a is history (at the cursor); b and c wait for ETH, whose e is history too.
      expectObservable(out).toBe('-(xyza) 12ms (XYZebfcg) 3ms |', ids);
    });
  });

  it('writes the daily summary only after every symbol\'s candles ending at 00:00 went out', () => {
    const rx = newScheduler();
    const emitted: string[] = [];
    const summaries: string[] = [];
    const days = new DailySummaries((dayStartMs) => summaries.push(`${new Date(dayStartMs).toISOString().slice(0, 10)} after ${emitted.join('')}`));
    rx.run(({ hot, expectObservable }) => {
      const source = hot('-(xyzXYZ) 5ms (abc) 5ms (efg) 5ms (DHd) 5ms (EFh) 5ms |', v);
      const out = source.pipe(eventTimeMerge(deps(rx, { onAdvance: (ms) => days.advance(ms) })), map((c) => {
        emitted.push(label(c));
        return label(c);
      }));
      expectObservable(out).toBe('-(xyzXYZ) 15ms (aebfcg) 12ms (DHdEFh) 2ms |', ids);
    });
    expect(summaries, 'one summary, after ETH\'s 00:00 candle').toEqual(['2025-07-01 after xyzXYZaebfcgDHdEFh']);
  });

  it('passes an error through and releases the source and the universe', () => {
    const rx = newScheduler();
    rx.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const source = hot('-(xyzXYZ)a-#', v);
      const universe = cold('u', { u: both });
      expectObservable(source.pipe(eventTimeMerge(deps(rx, { universe$: universe })), map(label))).toBe('-(xyzXYZ)--#', ids);
      expectSubscriptions(universe.subscriptions).toBe('^----------!');
    });
  });

  it('flushes what waits, in event order, when the source completes', () => {
    const rx = newScheduler();
    rx.run(({ hot, expectObservable }) => {
      expectObservable(hot('-(xyzXYZ)ab-|', v).pipe(eventTimeMerge(deps(rx)), map(label))).toBe('-(xyzXYZ)---(ab|)', ids);
    });
  });

  it('a symbol that stops trading: its halt comes after its last step, before the steps of the others after it; the watermark goes on', () => {
    const rx = newScheduler();
    const stats = createWatermarkStats();
    const halt: SymbolHalt = { kind: 'halt', symbol: 'ETH', status: 'SETTLING', lastCandle: v.e };
    const marks: number[] = [];
    rx.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      // ETH's last step is e (+1); BTC delivers +1…+3; the refresh sees ETH settling at frame 30.
      const source = hot('-(xyzXYZ)e a b c 30ms |', v);
      const halts = hot('30ms s', { s: halt });
      const universe = cold('u 39ms v', { u: both, v: new Set(['BTC']) });
      const label2 = (event: MarketEvent) => (isHalt(event) ? `halt ${event.symbol}` : label(event));
      const out = source.pipe(
        eventTimeMerge({ ...deps(rx, { universe$: universe, stats, onAdvance: (ms) => marks.push((ms - T0) / M30) }), halts$: halts }),
        map(label2),
      );
      // a at 10 releases (a e); the halt at 30 comes out, then b and c, which waited for ETH.
      expectObservable(out).toBe('-(xyzXYZ)- (ae) 16ms (sbc) 8ms |', { ...ids, s: 'halt ETH' });
      expectSubscriptions(halts.subscriptions).toBe('^ 42ms !');
    });
    expect(marks, 'the watermark passed +1 with ETH, then +2 and +3 without it').toEqual([0, 1, 2, 3]);
    expect(stats.watermarkMs, 'BTC alone moves it').toBe(T0 + 3 * M30);
  });

  it('releases the source, the universe and the wait timer on unsubscribe', () => {
    const rx = newScheduler();
    const late: string[] = [];
    rx.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const source = hot('-(xyzXYZ)a---', v);
      const universe = cold('u', { u: both });
      const out = source.pipe(eventTimeMerge(deps(rx, { universe$: universe, maxWaitMs: 5, onLate: (s) => late.push(s.join()) })), map(label));
      expectObservable(out, '^---------!').toBe('-(xyzXYZ)', ids);
      expectSubscriptions(source.subscriptions).toBe('^---------!');
      expectSubscriptions(universe.subscriptions).toBe('^---------!');
    });
    expect(late, 'the wait ran out after the unsubscribe: nobody is told').toEqual([]);
  });
});
