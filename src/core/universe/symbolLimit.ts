/** MAX_SYMBOLS_SUBSCRIBED: how many symbols are watched at once, or `all` for the whole market. */
export type SymbolLimit = number | 'all';

/** The two numbers the rotation works with. */
export interface UniverseSize {
  /** Symbols watched at once; Infinity watches every symbol of the pool. */
  readonly maxSymbols: number;
  /** Symbols the top-volume pool keeps; Infinity keeps every USDT perpetual in TRADING. */
  readonly poolLimit: number;
}

/**
 * `all` watches every tradable USDT perpetual (TOP_VOLUME_FETCH_LIMIT does not apply). A number
 * larger than TOP_VOLUME_FETCH_LIMIT widens the pool to it: an operator asking for 600 symbols gets
 * 600, not the 300 a default pool holds; a smaller number rotates through the pool as before.
 */
export function universeSize(limit: SymbolLimit, topVolumeFetchLimit: number): UniverseSize {
  if (limit === 'all') return { maxSymbols: Number.POSITIVE_INFINITY, poolLimit: Number.POSITIVE_INFINITY };
  return { maxSymbols: limit, poolLimit: Math.max(limit, topVolumeFetchLimit) };
}
