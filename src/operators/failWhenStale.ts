import { throwError, timeout, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
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
 */
export function failWhenStale<T>({ shard, staleAfterMs, scheduler }: FailWhenStaleDeps): MonoTypeOperatorFunction<T> {
  return timeout({ each: staleAfterMs, scheduler, with: () => throwError(() => new StaleStreamError(shard, staleAfterMs)) });
}
