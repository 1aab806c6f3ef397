import { defer, retry, tap, throwError, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { backoffDelayMs } from '../core/backoff.js';
import { TransientError } from '../domain/errors.js';

export interface RetryTransientDeps {
  /** Cap of the first wait; each further attempt doubles it. */
  readonly initialMs: number;
  /** Ceiling of the doubled cap. */
  readonly maxMs: number;
  readonly scheduler: SchedulerLike;
  /** Uniform [0, 1) source for the jitter; injected so specs are deterministic. Default `Math.random`. */
  readonly random?: () => number;
  /** Told before each wait: the failure, the 1-based attempt number and the chosen delay. */
  readonly onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  /**
   * A subscription that lived this long before failing counts as healthy: the attempt counter
   * starts again at 1. Default `maxMs`.
   */
  readonly resetAfterMs?: number;
}

/** Node socket error codes that say "the network hiccuped", not "the request is wrong". */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET',
]);

/**
 * Whether a failure may pass by itself: a {@link TransientError} (and subclasses such as
 * StaleStreamError) or a Node network error, also when wrapped as the `cause` of another error.
 */
export function isTransient(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof TransientError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Resubscribes after transient failures with capped exponential backoff and full jitter, so many
 * shards that drop together do not reconnect in lockstep. Other errors pass through at once.
 * The counter resets after a subscription stayed healthy for `resetAfterMs`, so a connection that
 * drops once a day always retries fast.
 */
export function retryTransient<T>(deps: RetryTransientDeps): MonoTypeOperatorFunction<T> {
  const { initialMs, maxMs, scheduler, onRetry } = deps;
  const random = deps.random ?? Math.random;
  const resetAfterMs = deps.resetAfterMs ?? maxMs;
  return (source) =>
    defer(() => {
      let attempt = 0;
      let subscribedAtMs = scheduler.now();
      return source.pipe(
        tap({ subscribe: () => (subscribedAtMs = scheduler.now()) }),
        retry({
          delay: (err: unknown) => {
            if (!isTransient(err)) return throwError(() => err);
            if (scheduler.now() - subscribedAtMs >= resetAfterMs) attempt = 0;
            attempt += 1;
            const delayMs = backoffDelayMs(attempt, { initialMs, maxMs }, random());
            onRetry?.(err, attempt, delayMs);
            return timer(delayMs, scheduler);
          },
        }),
      );
    });
}
