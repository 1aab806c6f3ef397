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
