import type { CandleStore } from '../../domain/ports.js';
import type { Interval, Kline } from '../../domain/kline.js';
import type { Db } from './db.js';

interface CandleRow {
  symbol: string;
  interval: Interval;
  open_time: number;
  close_time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  quote_volume: number;
  trades: number;
}

function toKline(r: CandleRow): Kline {
  return {
    symbol: r.symbol,
    interval: r.interval,
    openTimeMs: r.open_time,
    closeTimeMs: r.close_time,
    open: r.open,
    high: r.high,
    low: r.low,
    close: r.close,
    volume: r.volume,
    quoteVolume: r.quote_volume,
    trades: r.trades,
    closed: true,
  };
}

/** The `candles` table as a {@link CandleStore}: closed candles only, upserted idempotently. */
export class CandleRepo implements CandleStore {
  private readonly upsertOne;
  private readonly recentStmt;
  private readonly lastStmt;
  private readonly rangeStmt;
  private readonly pruneStmt;

  constructor(private readonly db: Db) {
    this.upsertOne = db.prepare(
      `INSERT INTO candles (symbol, interval, open_time, close_time, open, high, low, close, volume, quote_volume, trades)
       VALUES (@symbol, @interval, @openTimeMs, @closeTimeMs, @open, @high, @low, @close, @volume, @quoteVolume, @trades)
       ON CONFLICT (symbol, interval, open_time) DO UPDATE SET close_time = excluded.close_time, open = excluded.open,
         high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume,
         quote_volume = excluded.quote_volume, trades = excluded.trades`,
    );
    this.recentStmt = db.prepare(
      `SELECT * FROM (SELECT * FROM candles WHERE symbol = ? AND interval = ? ORDER BY open_time DESC LIMIT ?) ORDER BY open_time`,
    );
    this.lastStmt = db.prepare(`SELECT MAX(open_time) AS t FROM candles WHERE symbol = ? AND interval = ?`);
    this.rangeStmt = db.prepare(
      `SELECT * FROM candles WHERE symbol = ? AND interval = ? AND open_time >= ? AND open_time < ? ORDER BY open_time`,
    );
    this.pruneStmt = db.prepare(
      `DELETE FROM candles WHERE symbol = ? AND interval = ? AND open_time <
         (SELECT open_time FROM candles WHERE symbol = ? AND interval = ? ORDER BY open_time DESC LIMIT 1 OFFSET ?)`,
    );
  }

  recent(symbol: string, interval: Interval, limit: number): Kline[] {
    return (this.recentStmt.all(symbol, interval, limit) as CandleRow[]).map(toKline);
  }

  lastOpenTimeMs(symbol: string, interval: Interval): number | undefined {
    const row = this.lastStmt.get(symbol, interval) as { t: number | null };
    return row.t ?? undefined;
  }

  upsert(klines: readonly Kline[]): void {
    if (klines.length === 0) return;
    this.db.transaction((rows: readonly Kline[]) => {
      for (const k of rows) if (k.closed) this.upsertOne.run(k);
    })(klines);
  }

  /** Closed candles with open time in [fromMs, toMs), oldest first. */
  range(symbol: string, interval: Interval, fromMs: number, toMs: number): Kline[] {
    return (this.rangeStmt.all(symbol, interval, fromMs, toMs) as CandleRow[]).map(toKline);
  }

  /** Deletes all but the newest `keep` candles of a series; recent candles are never pruned. */
  prune(symbol: string, interval: Interval, keep: number): number {
    return this.pruneStmt.run(symbol, interval, symbol, interval, keep - 1).changes;
  }
}
