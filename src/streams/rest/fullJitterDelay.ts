/** Exponential backoff parameters for transient failures (network, 5xx, 429 without Retry-After). */
export interface BackoffOptions {
  /** Delay scale of the first retry. */
  readonly baseMs: number;
  /** Upper bound of any delay. */
  readonly capMs: number;
}

/**
 * "Full jitter" backoff: a uniform draw in [0, min(cap, base·2^attempt)]. Spreading retries over
 * the whole range keeps many clients (or many backfill calls) from retrying in lockstep.
 *
 * @param attempt 0 for the first retry
 * @param random a draw in [0, 1), injected so tests can pin it
 */
export function fullJitterDelayMs(attempt: number, { baseMs, capMs }: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/**
 * Seconds of a `Retry-After` header as milliseconds, or undefined when absent or not a
 * non-negative number (Binance sends whole seconds on 429 and 418).
 */
export function retryAfterMs(header: unknown): number | undefined {
  const text = Array.isArray(header) ? header[0] : header;
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  if (String(text).trim() === '') return undefined;
  const seconds = Number(text);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
