import { describe, it, expect } from 'vitest';
import { defer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { DataError, StaleStreamError, TransientError } from '../../src/domain/errors.js';
import { isTransient, retryTransient } from '../../src/operators/retryTransient.js';

function newScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual, 'marble output').toEqual(expected));
}
const drop = new TransientError('socket closed (1006)');

describe('retryTransient', () => {
  it('happy path: values pass and the source is subscribed once', () => {
    const rx = newScheduler();
    rx.run(({ cold, expectObservable, expectSubscriptions }) => {
      const src = cold('a-b|');
      expectObservable(src.pipe(retryTransient({ initialMs: 10, maxMs: 100, scheduler: rx }))).toBe('a-b|');
      expectSubscriptions(src.subscriptions).toBe('^--!');
    });
  });

  it('resubscribes after transient errors with doubling, jittered delays', () => {
    const rx = newScheduler();
    const retries: Array<[number, number]> = [];
    rx.run(({ cold, expectObservable, expectSubscriptions }) => {
      // random 0.5 ⇒ delays 5, 10, 20 (caps 10, 20, 40).
      const src = cold('a#', undefined, drop);
      const op = retryTransient<string>({
        initialMs: 10, maxMs: 1000, scheduler: rx, random: () => 0.5, resetAfterMs: 1000,
        onRetry: (_err, attempt, delayMs) => retries.push([attempt, delayMs]),
      });
      expectObservable(src.pipe(op), '^ 40ms !').toBe('a 5ms a 10ms a 20ms a');
      expectSubscriptions(src.subscriptions).toBe(['^!', '6ms ^!', '17ms ^!', '38ms ^!']);
    });
    // The fourth failure (frame 39) is told to onRetry, but its 40 ms wait outlives the window.
    expect(retries, 'attempt numbers and delays told to onRetry').toEqual([[1, 5], [2, 10], [3, 20], [4, 40]]);
  });

  it('retries StaleStreamError and network errors, not data errors', () => {
    expect(isTransient(new StaleStreamError('s0', 5)), 'stale is a TransientError').toBe(true);
    expect(isTransient(Object.assign(new Error('reset'), { code: 'ECONNRESET' })), 'network code').toBe(true);
    expect(isTransient(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })), 'network cause').toBe(true);
    expect(isTransient(new DataError('json', 'bad')), 'a data error is not transient').toBe(false);
    expect(isTransient(new Error('bug')), 'a plain error is not transient').toBe(false);
  });

  it('lets a non-transient error pass through without resubscribing', () => {
    const rx = newScheduler();
    const bug = new TypeError('bug');
    rx.run(({ cold, expectObservable, expectSubscriptions }) => {
      const src = cold('a-#', undefined, bug);
      expectObservable(src.pipe(retryTransient({ initialMs: 10, maxMs: 100, scheduler: rx }))).toBe('a-#', undefined, bug);
      expectSubscriptions(src.subscriptions).toBe('^-!');
    });
  });

  it('completes when a retried source completes', () => {
    const rx = newScheduler();
    rx.run(({ cold, expectObservable, expectSubscriptions }) => {
      let n = 0;
      const src = cold('a#', undefined, drop);
      const ok = cold('b|');
      const op = retryTransient<string>({ initialMs: 4, maxMs: 100, scheduler: rx, random: () => 0.5 });
      const flaky = defer(() => (n++ === 0 ? src : ok));
      expectObservable(flaky.pipe(op)).toBe('a 2ms b|');
      expectSubscriptions(ok.subscriptions).toBe('3ms ^!');
    });
  });

  it('resets the attempt counter after a healthy period', () => {
    const rx = newScheduler();
    const delays: number[] = [];
    rx.run(({ cold, expectObservable }) => {
      // Fails at once twice (attempts 1, 2), then lives 50 ms (≥ resetAfterMs) and fails again.
      let n = 0;
      const quick = cold('#', undefined, drop);
      const long = cold('50ms #', undefined, drop);
      const src = defer(() => (n++ === 2 ? long : quick));
      const op = retryTransient<string>({
        initialMs: 10, maxMs: 80, resetAfterMs: 30, scheduler: rx, random: () => 0.5,
        onRetry: (_e, attempt, delayMs) => delays.push(attempt * 1000 + delayMs),
      });
      expectObservable(src.pipe(op), '^ 100ms !').toBe('');
    });
    expect(delays.slice(0, 3), 'attempts 1, 2, then back to 1 after the healthy 50 ms').toEqual([1005, 2010, 1005]);
  });

  it('releases the source on early unsubscribe, also while waiting to retry', () => {
    const rx = newScheduler();
    rx.run(({ cold, expectObservable, expectSubscriptions }) => {
      const src = cold('a#', undefined, drop);
      const op = retryTransient<string>({ initialMs: 100, maxMs: 100, scheduler: rx, random: () => 0.5 });
      expectObservable(src.pipe(op), '^ 10ms !').toBe('a');
      expectSubscriptions(src.subscriptions).toBe('^!');
    });
  });
});
