import { seriesKey, type Interval, type Kline } from '../../../../src/domain/kline.js';
import type { CandleStore } from '../../../../src/domain/ports.js';

/** An in-memory CandleStore with the SQLite table's semantics (PK symbol, interval, open_time). */
export class MemoryStore implements CandleStore {
  private readonly series = new Map<string, Map<number, Kline>>();

  constructor(initial: readonly Kline[] = []) {
    this.upsert(initial);
  }

  recent(symbol: string, interval: Interval, limit: number): Kline[] {
    return this.sorted(symbol, interval).slice(-limit);
  }

  lastOpenTimeMs(symbol: string, interval: Interval): number | undefined {
    return this.sorted(symbol, interval).at(-1)?.openTimeMs;
  }

  upsert(klines: readonly Kline[]): void {
    for (const k of klines) {
      const key = seriesKey(k.symbol, k.interval);
      let rows = this.series.get(key);
      if (!rows) this.series.set(key, (rows = new Map()));
      rows.set(k.openTimeMs, k);
    }
  }

  private sorted(symbol: string, interval: Interval): Kline[] {
    const rows = this.series.get(seriesKey(symbol, interval));
    return rows ? [...rows.values()].sort((a, b) => a.openTimeMs - b.openTimeMs) : [];
  }
}
