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
        initialMs: 10, maxMs: 1000, scheduler: rx, random: () => 0.5, healthyAfterMs: 1000,
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

  it('regression: a source that was up for healthyAfterMs and then fails is resubscribed at once', () => {
    const rx = newScheduler();
    const retries: Array<[number, number]> = [];
    rx.run(({ cold, expectObservable, expectSubscriptions }) => {
      // Up ('u': a socket subscribed) at once, drops 6 ms later: every connection was healthy.
      const src = cold('u 5ms #', undefined, drop);
      const op = retryTransient<string>({
        initialMs: 10, maxMs: 100, healthyAfterMs: 5, isUp: (v) => v === 'u', scheduler: rx, random: () => 0.5,
        onRetry: (_err, attempt, delayMs) => retries.push([attempt, delayMs]),
      });
      expectObservable(src.pipe(op), '^ 10ms !').toBe('u 5ms u');
      expectSubscriptions(src.subscriptions).toBe(['^ 5ms !', '6ms ^ 4ms !']);
    });
    expect(retries, 'first retry after a healthy drop: attempt 1, no wait').toEqual([[1, 0]]);
  });

  it('backs off, growing up to maxMs, while the source fails before it has been up for healthyAfterMs', () => {
    const rx = newScheduler();
    rx.run(({ cold, expectObservable, expectSubscriptions }) => {
      // A server that accepts and closes at once: up, then failing 1 ms later, every time.
      // random 0.5 ⇒ half of the caps 10, 20, 40, 40, 40.
      const src = cold('u#', undefined, drop);
      const op = retryTransient<string>({ initialMs: 10, maxMs: 40, healthyAfterMs: 5, isUp: (v) => v === 'u', scheduler: rx, random: () => 0.5 });
      expectObservable(src.pipe(op), '^ 85ms !').toBe('u 5ms u 10ms u 20ms u 20ms u 20ms u');
      expectSubscriptions(src.subscriptions).toBe(['^!', '6ms ^!', '17ms ^!', '38ms ^!', '59ms ^!', '80ms ^!']);
    });
  });

  it('regression: starts the backoff over after a healthy period', () => {
    const rx = newScheduler();
    const retries: Array<[number, number]> = [];
    const subscribedAt: number[] = [];
    rx.run(({ cold, expectObservable }) => {
      // Fails at once twice (attempts 1, 2), then is up for 10 ms (≥ healthyAfterMs) and drops,
      // then fails at once again: retried at once, then the backoff starts from initialMs.
      const quick = cold('#', undefined, drop);
      const healthy = cold('u 9ms #', undefined, drop);
      const src = defer(() => (subscribedAt.push(rx.now()) === 3 ? healthy : quick));
      const op = retryTransient<string>({
        initialMs: 10, maxMs: 100, healthyAfterMs: 5, isUp: (v) => v === 'u', scheduler: rx, random: () => 0.5,
        onRetry: (_err, attempt, delayMs) => retries.push([attempt, delayMs]),
      });
      expectObservable(src.pipe(op), '^ 44ms !').toBe('15ms u');
    });
    expect(subscribedAt, 'subscribed at 0, +5, +10, at once after the healthy drop (25), +5, +10').toEqual([0, 5, 15, 25, 30, 40]);
    // The failure at 40 is told too; its 20 ms wait outlives the window.
    expect(retries, 'attempts and waits: the healthy drop restarts both').toEqual([[1, 5], [2, 10], [1, 0], [2, 5], [3, 10], [4, 20]]);
  });

  it('does not count a source that was never up as healthy, however long it lived', () => {
    const rx = newScheduler();
    const delays: number[] = [];
    rx.run(({ cold, expectObservable }) => {
      // A dial that hangs for 50 ms and fails, three times: silence is not health.
      const src = cold('50ms #', undefined, drop);
      const op = retryTransient<string>({
        initialMs: 10, maxMs: 100, healthyAfterMs: 5, scheduler: rx, random: () => 0.5, onRetry: (_e, _a, delayMs) => delays.push(delayMs),
      });
      expectObservable(src.pipe(op), '^ 200ms !').toBe('');
    });
    expect(delays, 'the waits keep growing').toEqual([5, 10, 20]);
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
