import { concat, concatMap, ignoreElements, of, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';

/**
 * Lets values through one at a time, at least `gapMs` apart (the first at once), buffering the
 * rest. Even spacing rather than bursts: a burst of N sent at a second's edge can look like 2N
 * within one second on the server's clock once network jitter shifts it.
 */
export function paceEvenly<T>(gapMs: number, scheduler: SchedulerLike): MonoTypeOperatorFunction<T> {
  return concatMap((value: T) => concat(of(value), timer(gapMs, scheduler).pipe(ignoreElements())));
}

/** Gap for `perSecond` messages a second, with 10 % headroom against timer and network jitter. */
export function gapForRate(perSecond: number): number {
  return Math.ceil(1100 / perSecond);
}
