import { describe, it, expect } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { StaleStreamError } from '../../src/domain/errors.js';
import { failWhenStale } from '../../src/operators/failWhenStale.js';

function newScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual, 'marble output').toEqual(expected));
}

describe('failWhenStale', () => {
  it('passes values through while each arrives within staleAfterMs, then fails with StaleStreamError', () => {
    const rx = newScheduler();
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const messages = hot('a 2m b ------');
      const subs = '        ^ 300000ms !';
      expectObservable(messages.pipe(failWhenStale({ shard: 's0', staleAfterMs: 180_000, scheduler: rx })))
        .toBe('a 2m b 179999ms #', undefined, new StaleStreamError('s0', 180_000));
      expectSubscriptions(messages.subscriptions).toBe(subs);
    });
  });

  it('fails a source that never emits, counting from subscription', () => {
    const rx = newScheduler();
    rx.run(({ cold, expectObservable, expectSubscriptions }) => {
      const silent = cold('-');
      expectObservable(silent.pipe(failWhenStale({ shard: 's3', staleAfterMs: 10, scheduler: rx })))
        .toBe('10ms #', undefined, new StaleStreamError('s3', 10));
      expectSubscriptions(silent.subscriptions).toBe('^ 9ms !');
    });
  });

  it('lets an upstream error pass through unchanged', () => {
    const rx = newScheduler();
    rx.run(({ cold, expectObservable }) => {
      const boom = new Error('boom');
      expectObservable(cold('a-#', { a: 1 }, boom).pipe(failWhenStale({ shard: 's0', staleAfterMs: 5, scheduler: rx })))
        .toBe('a-#', { a: 1 }, boom);
    });
  });

  it('completes when the source completes, without a late stale error', () => {
    const rx = newScheduler();
    rx.run(({ cold, expectObservable }) => {
      expectObservable(cold('a-b|').pipe(failWhenStale({ shard: 's0', staleAfterMs: 5, scheduler: rx }))).toBe('a-b|');
    });
  });

  it('releases the source on early unsubscribe', () => {
    const rx = newScheduler();
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const messages = hot('a-b-c-d');
      expectObservable(messages.pipe(failWhenStale({ shard: 's0', staleAfterMs: 5, scheduler: rx })), '^--!').toBe('a-b');
      expectSubscriptions(messages.subscriptions).toBe('^--!');
    });
  });

  it('keeps re-arming across many periods of steady values and fails exactly staleAfterMs after the last one', () => {
    const rx = newScheduler();
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const messages = hot('a 3ms b 3ms c 3ms d 3ms e ---------');
      expectObservable(messages.pipe(failWhenStale({ shard: 's1', staleAfterMs: 5, scheduler: rx })))
        .toBe('a 3ms b 3ms c 3ms d 3ms e 4ms #', undefined, new StaleStreamError('s1', 5));
      expectSubscriptions(messages.subscriptions).toBe('^ 20ms !');
    });
  });
});
