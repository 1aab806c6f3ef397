import { Observable, type MonoTypeOperatorFunction, type SchedulerAction, type SchedulerLike } from 'rxjs';
import { StaleStreamError } from '../domain/errors.js';

export interface FailWhenStaleDeps {
  /** Which shard (or source) is watched; carried in the error so the logs say who went quiet. */
  readonly shard: string;
  /** Longest allowed silence, measured from subscription and then from each value. */
  readonly staleAfterMs: number;
  readonly scheduler: SchedulerLike;
}

/**
 * Errors with a retryable {@link StaleStreamError} when a shard goes quiet: a half-open socket
 * sends nothing and never closes, so silence itself must become the failure that triggers a reconnect.
 *
 * Same timing as rxjs `timeout({ each })`, but a value only records its time: the one pending
 * check re-arms itself for the remaining silence when it fires early. `timeout` cancels and
 * re-creates a timer per value, which at thousands of frames per second was the dearest step of
 * the live path (`new Observable` because no composition avoids that per-value timer).
 */
export function failWhenStale<T>({ shard, staleAfterMs, scheduler }: FailWhenStaleDeps): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let lastValueMs = scheduler.now();
      subscriber.add(
        scheduler.schedule(function (this: SchedulerAction<undefined>) {
          const quietMs = scheduler.now() - lastValueMs;
          if (quietMs >= staleAfterMs) subscriber.error(new StaleStreamError(shard, staleAfterMs));
          else this.schedule(undefined, staleAfterMs - quietMs);
        }, staleAfterMs),
      );
      subscriber.add(
        source.subscribe({
          next: (value) => {
            lastValueMs = scheduler.now();
            subscriber.next(value);
          },
          error: (err: unknown) => subscriber.error(err),
          complete: () => subscriber.complete(),
        }),
      );
    });
}
