import { describe, it } from 'vitest';
import { ReplaySubject } from 'rxjs';
import { holdUntil } from '../../src/operators/holdUntil.js';
import { newScheduler } from './support/marbles.js';

describe('holdUntil', () => {
  it('holds values until the first release, lets them out in order, then passes later ones straight through', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b------c-d-|');
      const release = hot('----r------s---');
      expectObservable(source.pipe(holdUntil({ release$: release }))).toBe('----(ab)--c-d-|');
      expectSubscriptions(release.subscriptions).toBe('^---!');
    });
  });

  it('passes everything at once when the release came first (a replayed release)', () => {
    const release$ = new ReplaySubject<number>(1);
    release$.next(1);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a-b|').pipe(holdUntil({ release$ }))).toBe('a-b|');
    });
  });

  it('completes only once what it held is out', () => {
    newScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const source = cold('ab|');
      const release = hot('-----r');
      expectObservable(source.pipe(holdUntil({ release$: release }))).toBe('-----(ab|)');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('passes an error of the source through at once, held values or not', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-#');
      const release = hot('-----r');
      expectObservable(source.pipe(holdUntil({ release$: release }))).toBe('---#');
      expectSubscriptions(release.subscriptions).toBe('^--!');
    });
  });

  it('passes an error of the release through', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a----b');
      const release = hot('---#');
      expectObservable(source.pipe(holdUntil({ release$: release }))).toBe('---#');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('releases the source and the release when unsubscribed early', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a---b---|');
      const release = hot('--r-------');
      expectObservable(source.pipe(holdUntil({ release$: release })), '^-----!').toBe('--a--b');
      expectSubscriptions(source.subscriptions).toBe('^-----!');
      expectSubscriptions(release.subscriptions).toBe('^-!');
    });
  });
});
