import { seriesKey, type Interval, type Kline } from '../../../../src/domain/kline.js';
import type { KlineQuery, KlineRestSource } from '../../../../src/domain/ports.js';
import { formingOf } from './exampleKlines.js';

export interface RestCall {
  readonly symbol: string;
  readonly interval: Interval;
  readonly query: KlineQuery;
}

/**
 * An in-memory `GET /fapi/v1/klines` over real candles that answers like Binance: rows from
 * startTime (≤ endTime), up to limit (default 500), only candles already opened at nowMs; the row
 * containing nowMs comes back forming (closed=false, with partial values).
 */
export class FakeRest implements KlineRestSource {
  nowMs = 0;
  readonly calls: RestCall[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Errors thrown by the next calls (klines or time), one per call, then normal answers. */
  readonly failures: unknown[] = [];
  private readonly truth = new Map<string, Kline[]>();

  constructor(series: readonly Kline[][], private readonly latencyMs = 1) {
    for (const klines of series) {
      const first = klines[0];
      if (first) this.truth.set(seriesKey(first.symbol, first.interval), klines);
    }
  }

  async serverTimeMs(): Promise<number> {
    await this.delay();
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    return this.nowMs;
  }

  async klines(symbol: string, interval: Interval, query: KlineQuery): Promise<Kline[]> {
    this.calls.push({ symbol, interval, query });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.delay();
      const failure = this.failures.shift();
      if (failure !== undefined) throw failure;
      const all = this.truth.get(seriesKey(symbol, interval)) ?? [];
      const limit = query.limit ?? 500;
      const start = query.startTimeMs ?? -Infinity;
      const end = query.endTimeMs ?? Infinity;
      const rows = all.filter((k) => k.openTimeMs >= start && k.openTimeMs <= end && k.openTimeMs <= query.nowMs);
      const picked = query.startTimeMs === undefined ? rows.slice(-limit) : rows.slice(0, limit);
      return picked.map((k) => (k.closeTimeMs >= query.nowMs ? formingOf(k) : k));
    } finally {
      this.inFlight -= 1;
    }
  }

  private delay(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }
}
