import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { INTERVAL_MS, INTERVALS, type Interval, type Kline } from '../../../src/domain/kline.js';
import type { Simulator } from '../../../src/sim/simulator.js';

/** The CSV symbols the e2e bot watches. */
export const E2E_SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const;

/** One `candles` row as SQLite holds it. */
interface CandleRow {
  open_time: number; close_time: number; open: number; high: number; low: number; close: number;
  volume: number; quote_volume: number; trades: number;
}

/** Audit of one (symbol, interval) over [fromMs, toMs] of open times. */
export interface SeriesAudit {
  readonly symbol: string;
  readonly interval: Interval;
  readonly fromMs: number;
  readonly toMs: number;
  readonly expected: number;
  readonly missing: number[];
  readonly duplicated: number[];
  readonly different: number[];
  /** Rows in the window at an open time the exchange never closed (invented or misaligned). */
  readonly extra: number[];
}

/** Opens the bot's database read-only (safe while the bot runs: WAL readers do not block it). */
export function openReadOnly(dbPath: string): Database.Database {
  return new Database(dbPath, { readonly: true, fileMustExist: true });
}

/** Reads the bot's database read-only and closes it. */
export function queryReadOnly<T>(dbPath: string, read: (db: Database.Database) => T): T {
  const db = openReadOnly(dbPath);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/**
 * Opens the database read-only once the bot has created it and migrated the `candles` table;
 * undefined before (the file appears a moment before its tables).
 */
export function tryOpenMigrated(dbPath: string): Database.Database | undefined {
  if (!existsSync(dbPath)) return undefined;
  const db = openReadOnly(dbPath);
  try {
    if (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'scan_cursors'").get()) return db;
  } catch {
    // the bot is creating the file right now
  }
  db.close();
  return undefined;
}

function sameCandle(row: CandleRow, k: Kline): boolean {
  return row.close_time === k.closeTimeMs && row.open === k.open && row.high === k.high && row.low === k.low &&
    row.close === k.close && row.volume === k.volume && row.quote_volume === k.quoteVolume && row.trades === k.trades;
}

/** First stored open time of a series, or undefined when nothing is stored. */
export function firstStoredOpenTimeMs(db: Database.Database, symbol: string, interval: Interval): number | undefined {
  const row = db.prepare('SELECT MIN(open_time) AS t FROM candles WHERE symbol = ? AND interval = ?').get(symbol, interval) as { t: number | null };
  return row.t ?? undefined;
}

/** Newest stored open time of a series, or undefined. */
export function lastStoredOpenTimeMs(db: Database.Database, symbol: string, interval: Interval): number | undefined {
  const row = db.prepare('SELECT MAX(open_time) AS t FROM candles WHERE symbol = ? AND interval = ?').get(symbol, interval) as { t: number | null };
  return row.t ?? undefined;
}

/**
 * Compares SQLite with the simulator's closed candles of one series whose open time is in
 * [fromMs, toMs]: every closed candle must be stored once with the same OHLCV.
 */
export function auditSeries(db: Database.Database, sim: Simulator, symbol: string, interval: Interval, fromMs: number, toMs: number): SeriesAudit {
  const truth = sim.closedKlines(symbol, interval, fromMs, toMs);
  const rows = db
    .prepare('SELECT open_time, close_time, open, high, low, close, volume, quote_volume, trades FROM candles WHERE symbol = ? AND interval = ? AND open_time BETWEEN ? AND ?')
    .all(symbol, interval, fromMs, toMs) as CandleRow[];
  const byOpen = new Map<number, CandleRow[]>();
  for (const row of rows) byOpen.set(row.open_time, [...(byOpen.get(row.open_time) ?? []), row]);
  const truthOpen = new Set(truth.map((k) => k.openTimeMs));
  const missing: number[] = [];
  const duplicated: number[] = [];
  const different: number[] = [];
  for (const k of truth) {
    const stored = byOpen.get(k.openTimeMs) ?? [];
    if (stored.length === 0) missing.push(k.openTimeMs);
    if (stored.length > 1) duplicated.push(k.openTimeMs);
    if (stored.some((row) => !sameCandle(row, k))) different.push(k.openTimeMs);
  }
  const extra = [...byOpen.keys()].filter((t) => !truthOpen.has(t));
  return { symbol, interval, fromMs, toMs, expected: truth.length, missing, duplicated, different, extra };
}

/** Open time of the newest candle of `interval` closed at simulated `nowMs` (its end ≤ nowMs). */
export function lastClosedOpenTimeMs(nowMs: number, interval: Interval): number {
  const step = INTERVAL_MS[interval];
  return Math.floor(nowMs / step) * step - step;
}

/** One (symbol, interval) series. */
export interface SeriesId {
  readonly symbol: string;
  readonly interval: Interval;
}

/** Every (symbol, interval) of the given symbols; by default the three the e2e bot subscribes. */
export function e2eSeries(symbols: readonly string[] = E2E_SYMBOLS): SeriesId[] {
  return symbols.flatMap((symbol) => INTERVALS.map((interval) => ({ symbol, interval })));
}

/** Whether SQLite holds, for every series, the newest candle closed at simulated `simMs`. */
export function storedThrough(db: Database.Database, series: readonly SeriesId[], simMs: number): boolean {
  return series.every(({ symbol, interval }) => (lastStoredOpenTimeMs(db, symbol, interval) ?? -1) >= lastClosedOpenTimeMs(simMs, interval));
}

/** Symbols with at least one stored candle (of any interval). */
export function symbolsWithCandles(db: Database.Database): Set<string> {
  const rows = db.prepare('SELECT DISTINCT symbol FROM candles').all() as Array<{ symbol: string }>;
  return new Set(rows.map((r) => r.symbol));
}
