import { defer, retry, tap, throwError, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { backoffDelayMs } from '../core/backoff.js';
import { TransientError } from '../domain/errors.js';

export interface RetryTransientDeps<T = unknown> {
  /** Cap of the first wait; each further attempt doubles it. */
  readonly initialMs: number;
  /** Ceiling of the doubled cap. */
  readonly maxMs: number;
  readonly scheduler: SchedulerLike;
  /** Uniform [0, 1) source for the jitter; injected so specs are deterministic. Default `Math.random`. */
  readonly random?: () => number;
  /**
   * Told before each wait: the failure, the attempt number (1-based, counted since the source was
   * last healthy) and the chosen delay.
   */
  readonly onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  /** Which values show the source is up (for a socket: subscribed). Default: any value. */
  readonly isUp?: (value: T) => boolean;
  /**
   * A subscription that had been up this long when it failed was *healthy*: it is resubscribed at
   * once and the backoff starts over. Failing sooner, or without ever being up, counts against the
   * backoff, so a server that accepts and then closes at once is not hammered. Default `maxMs`.
   */
  readonly healthyAfterMs?: number;
}

/** Node socket error codes that say "the network hiccuped", not "the request is wrong". */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET',
]);

/**
 * The Node network error code (ECONNREFUSED, ENOTFOUND, …) of a failure, also when wrapped as the
 * `cause` of another error; undefined for any other failure (an HTTP status, a bad answer).
 */
export function networkFailureCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether a failure may pass by itself: a {@link TransientError} (and subclasses such as
 * StaleStreamError) or a Node network error, also when wrapped as the `cause` of another error.
 */
export function isTransient(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof TransientError) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return networkFailureCode(err) !== undefined;
}

/**
 * Resubscribes after transient failures with capped exponential backoff and full jitter, so many
 * shards that drop together do not reconnect in lockstep while the failure lasts. Other errors
 * pass through at once. A source that was healthy (up for `healthyAfterMs`) before it failed is
 * resubscribed without waiting, and the backoff starts over from `initialMs`: a connection that
 * drops after a good run is back at once, and only failing again makes the waits grow.
 */
export function retryTransient<T>(deps: RetryTransientDeps<T>): MonoTypeOperatorFunction<T> {
  const { initialMs, maxMs, scheduler, onRetry } = deps;
  const random = deps.random ?? Math.random;
  const isUp = deps.isUp ?? (() => true);
  const healthyAfterMs = deps.healthyAfterMs ?? maxMs;
  return (source) =>
    defer(() => {
      let attempt = 0;
      let backoffSteps = 0;
      let upAtMs: number | undefined;
      return source.pipe(
        tap({
          subscribe: () => (upAtMs = undefined),
          next: (value) => {
            if (upAtMs === undefined && isUp(value)) upAtMs = scheduler.now();
          },
        }),
        retry({
          delay: (err: unknown) => {
            if (!isTransient(err)) return throwError(() => err);
            const healthy = upAtMs !== undefined && scheduler.now() - upAtMs >= healthyAfterMs;
            if (healthy) attempt = backoffSteps = 0;
            attempt += 1;
            const delayMs = healthy ? 0 : backoffDelayMs((backoffSteps += 1), { initialMs, maxMs }, random());
            onRetry?.(err, attempt, delayMs);
            return timer(delayMs, scheduler);
          },
        }),
      );
    });
}
