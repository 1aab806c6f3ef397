import { it } from 'vitest';
import type { MonoTypeOperatorFunction } from 'rxjs';
import type { CandleStep } from '../../../src/core/desk/candleStep.js';
import { DataError } from '../../../src/domain/errors.js';
import { newScheduler } from './marbles.js';

/**
 * The stream contract every signal stage keeps, checked with steps it passes unchanged: an error
 * upstream passes through, completion passes through, and unsubscribing early releases the source.
 * `make` builds a fresh operator (and desk) per test.
 */
export function itKeepsTheStreamContract(make: () => MonoTypeOperatorFunction<CandleStep>, passing: () => [CandleStep, CandleStep]): void {
  it('passes an upstream error through after the steps before it', () => {
    const [a, b] = passing();
    const err = new DataError('shape', 'bad candle');
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const steps = hot('-a-b-#', { a, b }, err);
      expectObservable(steps.pipe(make())).toBe('-a-b-#', { a, b }, err);
      expectSubscriptions(steps.subscriptions).toBe('^----!');
    });
  });

  it('completes when the candles complete', () => {
    const [a, b] = passing();
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const steps = cold('a--b|', { a, b });
      expectObservable(steps.pipe(make())).toBe('a--b|', { a, b });
      expectSubscriptions(steps.subscriptions).toBe('^---!');
    });
  });

  it('releases the source when unsubscribed early', () => {
    const [a, b] = passing();
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const steps = hot('-a---b---|', { a, b });
      expectObservable(steps.pipe(make()), '^--!').toBe('-a--', { a });
      expectSubscriptions(steps.subscriptions).toBe('^--!');
    });
  });
}
