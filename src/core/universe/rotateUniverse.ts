/** Everything one rotation slot depends on; no clock, no I/O. */
export interface RotationInput {
  /** The top-volume pool, best first (see selectPool). */
  readonly pool: readonly string[];
  /** Normalised FIXED_SYMBOLS: always watched. */
  readonly fixed: readonly string[];
  /** Symbols with an open paper trade: always watched, even beyond maxSymbols. */
  readonly pinned: Iterable<string>;
  /** Symbols Binance reported invalid (-1121): never watched, fixed or not (pinned ones stay). */
  readonly excluded?: ReadonlySet<string>;
  /**
   * Symbols that stopped trading (exchangeInfo status other than TRADING, or no longer listed):
   * never watched, not even fixed or pinned ones (their trade closed when they stopped).
   */
  readonly halted?: ReadonlySet<string>;
  /** MAX_SYMBOLS_SUBSCRIBED. */
  readonly maxSymbols: number;
  /** Index into `pool` where this slot starts walking. */
  readonly cursor: number;
}

export interface RotationResult {
  /** The universe of this slot: sorted, without duplicates. */
  readonly symbols: string[];
  /** Where the next slot starts: right after the last pool symbol this slot took. */
  readonly nextCursor: number;
}

/**
 * Round-robin rotation of the non-fixed part of the universe. The free slots
 * (maxSymbols − |fixed ∪ pinned|) are filled with the next pool symbols from `cursor` on,
 * wrapping at the end. Fixed and pinned symbols met on the way are passed over without using a
 * slot, so the symbols after them keep their turn; successive slots (cursor ← nextCursor) cover
 * the whole pool.
 */
export function rotateUniverse(input: RotationInput): RotationResult {
  const excluded = input.excluded ?? new Set<string>();
  const halted = input.halted ?? new Set<string>();
  const always = new Set<string>(input.fixed.filter((s) => !excluded.has(s) && !halted.has(s)));
  for (const s of input.pinned) if (!halted.has(s)) always.add(s);
  const n = input.pool.length;
  const free = Math.max(0, input.maxSymbols - always.size);
  const start = n === 0 ? 0 : ((Math.trunc(input.cursor) % n) + n) % n;
  const taken = new Set<string>();
  let nextCursor = start;
  for (let step = 0; step < n && taken.size < free; step += 1) {
    const index = (start + step) % n;
    const symbol = input.pool[index] as string;
    if (always.has(symbol) || excluded.has(symbol) || halted.has(symbol) || taken.has(symbol)) continue;
    taken.add(symbol);
    nextCursor = (index + 1) % n;
  }
  return { symbols: [...new Set([...always, ...taken])].sort(), nextCursor };
}
