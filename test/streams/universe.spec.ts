import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { TransientError } from '../../src/domain/index.js';
import { universe, type UniverseDeps } from '../../src/streams/universe.js';

const set = (...symbols: string[]): ReadonlySet<string> => new Set(symbols);
const newScheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual, 'marbles').toEqual(expected));

/** A pino logger that keeps the messages, to assert what was logged. */
function recordingLogger(): { logger: UniverseDeps['logger']; messages: string[] } {
  const messages: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void messages.push(JSON.parse(line).msg as string) });
  return { logger, messages };
}

const POOL = ['A', 'B', 'C', 'D', 'E', 'F'];

function deps(rx: TestScheduler, over: Partial<UniverseDeps> & Pick<UniverseDeps, 'pinned$' | 'fetchPool'>): UniverseDeps {
  return { fixed: ['X'], maxSymbols: 3, refreshMs: 1000, rotationMs: 1000, scheduler: rx, logger: pino({ level: 'silent' }), ...over };
}

describe('universe', () => {
  it('refreshes the pool every refreshMs and emits the new universe', () => {
    const rx = newScheduler();
    rx.run(({ cold, hot, expectObservable }) => {
      const pools = [['A', 'B'], ['C', 'D']];
      let calls = 0;
      const fetchPool = (): Observable<string[]> => cold('(p|)', { p: pools[Math.min(calls++, 1)]! });
      const pinned$ = hot('p', { p: set() });
      expectObservable(universe(deps(rx, { fetchPool, pinned$, refreshMs: 100 })), '^ 250ms !').toBe('a 99ms b', {
        a: set('A', 'B', 'X'),
        b: set('C', 'D', 'X'),
      });
    });
  });

  it('retries a failed refresh after retryMs instead of waiting a whole refreshMs', () => {
    const rx = newScheduler();
    rx.run(({ cold, hot, expectObservable }) => {
      let calls = 0;
      const fetchPool = (): Observable<string[]> => (calls++ === 0 ? cold('#', {}, new Error('network down')) : cold('(p|)', { p: ['A', 'B'] }));
      const pinned$ = hot('p', { p: set() });
      expectObservable(universe(deps(rx, { fetchPool, pinned$, refreshMs: 1000, rotationMs: 5000, retryMs: 30 })), '^ 100ms !').toBe(
        'a 29ms b',
        { a: set('X'), b: set('A', 'B', 'X') },
      );
    });
  });

  it('retries failed refreshes after 1 s, doubling up to retryMs, and logs the first failure only', () => {
    const rx = newScheduler();
    const { logger, messages } = recordingLogger();
    const calls: number[] = [];
    rx.run(({ cold, hot, expectObservable }) => {
      const fetchPool = (): Observable<string[]> => {
        calls.push(rx.now());
        return calls.length <= 3 ? cold('#', {}, new Error('network down')) : cold('(p|)', { p: ['A', 'B'] });
      };
      const pinned$ = hot('p', { p: set() });
      expectObservable(universe(deps(rx, { fetchPool, pinned$, refreshMs: 3_600_000, rotationMs: 3_600_000, retryMs: 60_000, logger })), '^ 10s !').toBe(
        'a 6999ms b',
        { a: set('X'), b: set('A', 'B', 'X') },
      );
    });
    expect(calls, 'tries at 0, then 1 s, 2 s and 4 s later').toEqual([0, 1000, 3000, 7000]);
    expect(messages.filter((m) => m === 'universe pool refresh failed, keeping the old pool'), 'one warning per outage').toHaveLength(1);
  });

  it('leaves a refresh failed on a 503 to the REST client\'s OutageLog: no warning of its own', () => {
    const rx = newScheduler();
    const { logger, messages } = recordingLogger();
    const http503 = new TransientError('GET /fapi/v1/ticker/24hr failed: HTTP 503', { cause: { status: 503 } });
    rx.run(({ cold, hot, expectObservable }) => {
      const fetchPool = (): Observable<string[]> => cold('#', {}, http503);
      expectObservable(universe(deps(rx, { fetchPool, pinned$: hot('p', { p: set() }), refreshMs: 3_600_000, rotationMs: 3_600_000, logger })), '^ 10s !').toBe('a', { a: set('X') });
    });
    expect(messages.filter((m) => m.startsWith('universe pool refresh failed')), 'Binance answering 503 is told once, by the OutageLog').toEqual([]);
  });

  it('rotates the non-fixed slots every rotationMs and wraps around the pool', () => {
    const rx = newScheduler();
    rx.run(({ cold, hot, expectObservable }) => {
      const pinned$ = hot('p', { p: set() });
      const fetchPool = (): Observable<string[]> => cold('(p|)', { p: POOL });
      expectObservable(universe(deps(rx, { fetchPool, pinned$, rotationMs: 30 })), '^ 100ms !').toBe('a 29ms b 29ms c 29ms a', {
        a: set('A', 'B', 'X'),
        b: set('C', 'D', 'X'),
        c: set('E', 'F', 'X'),
      });
    });
  });

  it('does not emit when refresh and rotation leave the universe unchanged', () => {
    const rx = newScheduler();
    let calls = 0;
    rx.run(({ cold, hot, expectObservable }) => {
      const pinned$ = hot('p', { p: set() });
      const fetchPool = (): Observable<string[]> => (calls++, cold('(p|)', { p: ['A', 'B'] }));
      const result = universe(deps(rx, { fetchPool, pinned$, maxSymbols: 5, refreshMs: 100, rotationMs: 30 }));
      expectObservable(result, '^ 250ms !').toBe('a', { a: set('A', 'B', 'X') });
    });
    expect(calls, 'the pool was refreshed at 0, 100 and 200 all the same').toBe(3);
  });

  it('keeps a pinned symbol through rotation and recomputes the slot when pinned changes', () => {
    const rx = newScheduler();
    rx.run(({ cold, hot, expectObservable }) => {
      const pinned$ = hot('p 39ms q', { p: set(), q: set('A') });
      const fetchPool = (): Observable<string[]> => cold('(p|)', { p: POOL });
      expectObservable(universe(deps(rx, { fetchPool, pinned$, rotationMs: 30 })), '^ 100ms !').toBe('a 29ms b 9ms c 19ms d 29ms e', {
        a: set('A', 'B', 'X'),
        b: set('C', 'D', 'X'),
        c: set('A', 'C', 'X'),
        d: set('A', 'D', 'X'),
        e: set('A', 'E', 'X'),
      });
    });
  });

  it('keeps the old pool when a refresh fails, and logs it', () => {
    const rx = newScheduler();
    const { logger, messages } = recordingLogger();
    rx.run(({ cold, hot, expectObservable }) => {
      const replies = [cold('(p|)', { p: ['A', 'B'] }), cold<string[]>('#', undefined, new Error('HTTP 503')), cold('(p|)', { p: ['C', 'D'] })];
      let calls = 0;
      const fetchPool = (): Observable<string[]> => replies[calls++]!;
      const pinned$ = hot('p', { p: set() });
      expectObservable(universe(deps(rx, { fetchPool, pinned$, refreshMs: 100, logger })), '^ 250ms !').toBe('a 199ms b', {
        a: set('A', 'B', 'X'),
        b: set('C', 'D', 'X'),
      });
    });
    expect(messages.filter((m) => m === 'universe pool refresh failed, keeping the old pool').length, 'failure logged once').toBe(1);
  });

  it('starts with fixed and pinned symbols when the first refresh fails, and drops excluded ones', () => {
    const rx = newScheduler();
    rx.run(({ cold, hot, expectObservable }) => {
      const fetchPool = (): Observable<string[]> => cold('#', undefined, new Error('down'));
      const pinned$ = hot('p', { p: set('Q') });
      const excluded$ = hot('-- e', { e: set('X') });
      expectObservable(universe(deps(rx, { fetchPool, pinned$, excluded$ })), '^ 50ms !').toBe('a 1ms b', {
        a: set('Q', 'X'),
        b: set('Q'),
      });
    });
  });

  it('drops symbols that stopped trading, fixed and pinned ones too, and takes them back when they trade again', () => {
    const rx = newScheduler();
    rx.run(({ cold, hot, expectObservable }) => {
      const fetchPool = (): Observable<string[]> => cold('(p|)', { p: ['A', 'B'] });
      const pinned$ = hot('p', { p: set('Q') });
      const halted$ = hot('h 9ms i 9ms j', { h: set(), i: set('X', 'Q'), j: set() });
      expectObservable(universe(deps(rx, { fetchPool, pinned$, halted$, maxSymbols: 4 })), '^ 50ms !').toBe('a 9ms b 9ms c', {
        a: set('A', 'B', 'Q', 'X'),
        b: set('A', 'B'),
        c: set('A', 'B', 'Q', 'X'),
      });
    });
  });

  it('passes an error of pinned$ through', () => {
    const rx = newScheduler();
    rx.run(({ cold, hot, expectObservable }) => {
      const fetchPool = (): Observable<string[]> => cold('(p|)', { p: POOL });
      const pinned$ = hot('p 9ms #', { p: set() }, new Error('trades store failed'));
      expectObservable(universe(deps(rx, { fetchPool, pinned$ }))).toBe('a 9ms #', { a: set('A', 'B', 'X') }, new Error('trades store failed'));
    });
  });

  it('releases its sources and timers on unsubscribe', () => {
    const rx = newScheduler();
    let calls = 0;
    rx.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const pinned$ = hot('p', { p: set() });
      const pool = cold('(p|)', { p: POOL });
      const fetchPool = (): Observable<string[]> => (calls++, pool);
      expectObservable(universe(deps(rx, { fetchPool, pinned$, refreshMs: 20, rotationMs: 30 })), '^ 50ms !').toBe('a 29ms b', {
        a: set('A', 'B', 'X'),
        b: set('C', 'D', 'X'),
      });
      expectSubscriptions(pinned$.subscriptions).toBe('^ 50ms !');
      expectSubscriptions(pool.subscriptions).toBe(['(^!)', '20ms (^!)', '40ms (^!)']);
    });
    expect(calls, 'no refresh after unsubscribe at 50').toBe(3);
  });
});
