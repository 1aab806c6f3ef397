import { seriesKey, type Kline } from '../domain/kline.js';
import type { CandleStore } from '../domain/ports.js';

/**
 * Writes gated closed candles to the store, skipping those it already holds: a warm-up replays
 * up to 500 stored candles per series, and writing them again would cost a transaction each for
 * nothing. Candles reach it in order per series, so "not newer than the newest stored" means stored.
 */
export class CandleWriter {
  private readonly newest = new Map<string, number>();

  constructor(private readonly store: CandleStore) {}

  write(k: Kline): void {
    const key = seriesKey(k.symbol, k.interval);
    let newest = this.newest.get(key);
    if (newest === undefined) newest = this.store.lastOpenTimeMs(k.symbol, k.interval) ?? -Infinity;
    if (k.openTimeMs > newest) {
      this.store.upsert([k]);
      newest = k.openTimeMs;
    }
    this.newest.set(key, newest);
  }

  /** Forgets a series that left the universe (its rows stay). */
  forget(symbol: string): void {
    for (const key of this.newest.keys()) if (key.startsWith(`${symbol}@`)) this.newest.delete(key);
  }
}
