import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { klineEndMs, type Kline } from '../../domain/kline.js';
import type { EquityPoint, ReportSummary } from '../../backtest/report/index.js';
import { BACKTEST_DEFAULT_FILTERS, type SymbolFilters } from '../../core/risk/symbolFilters.js';
import { runBacktest, type BacktestSettings } from '../../backtest/runner.js';
import { runSummary } from './runSummary.js';

/** One backtest of a search: settings over a period, as `backtest --from fromMs --to toMs` runs them. */
export interface TrialInput {
  readonly settings: BacktestSettings;
  /** Candles ending at or before this only warm the indicators (the memory starts empty here). */
  readonly fromMs: number;
  /** No candle ending after this is fed. */
  readonly toMs: number;
  readonly dbPath: string;
  /** Return the equity curve (test periods, for the stitched curve). */
  readonly keepEquity: boolean;
}

export interface TrialOutcome {
  readonly summary: ReportSummary;
  readonly equity: readonly EquityPoint[];
  /** Candles fed, warm-up included. */
  readonly candles: number;
}

/** How many of `candles` (in replay order, so by end time) end at or before `toMs`. */
export function countEndingBy(candles: readonly Kline[], toMs: number): number {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (klineEndMs(candles[mid]!) <= toMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Runs a trial through the backtest's own code: `runBacktest` into a fresh SQLite file over every
 * candle of the data that ends by `toMs`, as `backtest` does (src/backtest/runVariant.ts), then the
 * report's summary and equity curve of that file (runSummary). The file is removed afterwards.
 * `candles` are the whole data in replay order; the cut is what keeps a trial from reading a candle
 * after its period.
 */
export function runTrial(candles: readonly Kline[], input: TrialInput, logger: Logger, filters: ReadonlyMap<string, SymbolFilters> = new Map()): TrialOutcome {
  const { settings, fromMs, toMs, dbPath } = input;
  const fed = candles.slice(0, countEndingBy(candles, toMs));
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  };
  remove();
  try {
    // The exchange filters of the run, as `backtest` sizes with them (a symbol without any: none).
    const result = runBacktest({ candles: fed, dbPath, settings, fromMs, logger, filters: (symbol) => filters.get(symbol) ?? BACKTEST_DEFAULT_FILTERS });
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const { summary, equity } = runSummary(db, { fromMs, toMs, startingEquity: settings.startingEquity });
      return { summary, equity: input.keepEquity ? equity : [], candles: result.candles };
    } finally {
      db.close();
    }
  } finally {
    remove();
  }
}
