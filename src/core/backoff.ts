/** Capped exponential backoff: the ceiling of the n-th wait doubles from `initialMs` up to `maxMs`. */
export interface Backoff {
  /** Ceiling of the first wait. */
  readonly initialMs: number;
  /** No wait is longer. */
  readonly maxMs: number;
}

/**
 * The wait before retry number `attempt` (1 for the first): the ceiling
 * `min(maxMs, initialMs·2^(attempt−1))` scaled by `jitter`, rounded down.
 * - Full jitter: pass a uniform draw in [0, 1) (`Math.random()` in production, a fixed number in
 *   tests). The wait is then anywhere in [0, ceiling), so clients that failed together (shards
 *   after one network blip, series of one backfill) do not retry in lockstep.
 * - No jitter: pass 1 and get the ceiling itself, for a lone client whose retries need no spreading.
 * Pure: no clock, no randomness of its own.
 */
export function backoffDelayMs(attempt: number, { initialMs, maxMs }: Backoff, jitter: number): number {
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`backoff jitter must be in [0, 1], got ${jitter}`);
  // The exponent is clamped: after a long outage 2^attempt would overflow to Infinity (and 0·Infinity is NaN).
  const ceilingMs = Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(attempt - 1, 0), 1000));
  return Math.floor(jitter * ceilingMs);
}
