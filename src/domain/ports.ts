import type { Interval, Kline } from './kline.js';

/**
 * Where closed candles are kept between runs (SQLite in production). Warm-up reads it before
 * asking REST, and the backfill asks it where a series left off.
 */
export interface CandleStore {
  /** The newest `limit` closed candles of a series, oldest first. */
  recent(symbol: string, interval: Interval, limit: number): Kline[];
  /** Open time of the newest stored closed candle, or undefined when the series is empty. */
  lastOpenTimeMs(symbol: string, interval: Interval): number | undefined;
  /** Idempotent: storing a candle twice leaves one row. */
  upsert(klines: readonly Kline[]): void;
}

export interface KlineQuery {
  readonly startTimeMs?: number;
  readonly endTimeMs?: number;
  /** 1–1500; Binance's default is 500. */
  readonly limit?: number;
  /**
   * Server time the answer is judged against: a row whose `closeTimeMs >= nowMs` is the forming
   * candle and comes back with `closed: false`.
   */
  readonly nowMs: number;
}

/** REST access to historical klines (Binance `GET /fapi/v1/klines`). */
export interface KlineRestSource {
  /** Binance server time (`GET /fapi/v1/time`), so forming rows are judged by the exchange's clock. */
  serverTimeMs(): Promise<number>;
  klines(symbol: string, interval: Interval, query: KlineQuery): Promise<Kline[]>;
}
