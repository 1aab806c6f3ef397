import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { newSqliteDatabase } from '../sinks/sqlite/sqliteModule.js';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Kline } from '../domain/kline.js';
import type { RunVariant } from './compare.js';
import { configRecord, rotationFromConfig, settingsFromConfig } from './cliSettings.js';
import { buildReport, writeReportFiles, type BacktestReport } from './report/index.js';
import type { BacktestFilters } from './exchangeFilters.js';
import type { MarketInput } from './report/marketContext.js';
import { RotationSchedule } from './rotation.js';
import { volumeSourceOf } from './rotationVolume.js';
import { runBacktest } from './runner.js';
import { withRobustness, type RobustnessContext } from '../research/robustnessContext.js';

/** What every run of one command shares: the data, the range and where files go. */
export interface VariantContext {
  readonly config: Config;
  /** Closed candles in replay order, none ending after `toMs`. */
  readonly candles: readonly Kline[];
  /** Each symbol's 30m candles: the rotation's 24 h volumes. */
  readonly klines30m: ReadonlyMap<string, readonly Kline[]>;
  readonly symbols: readonly string[];
  readonly dataDir: string;
  readonly outDir: string;
  /** Event-time range the report describes: processed candles end in (fromMs, toMs]. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly rotate: boolean;
  /** The exchange filters every run sizes with (see exchangeFilters.ts). */
  readonly filters: BacktestFilters;
  /** true: the report goes to `OUT/<label>/`; false: to `OUT/` itself. */
  readonly ownFolder: boolean;
  readonly logger: Logger;
  /** The loaded candles per symbol: buy and hold, price charts and warm-up in the report. */
  readonly market?: MarketInput;
  /** The report's robustness section (`--monte-carlo`, `--baseline-runs`); undefined: none. */
  readonly robustness?: RobustnessContext;
}

/** A finished run: its report, where its files went, how long it took. */
export interface VariantResult {
  readonly report: BacktestReport;
  readonly db: string;
  readonly jsonPath: string;
  readonly htmlPath: string;
  /** The whole run: replay, report and files. */
  readonly wallMs: number;
  /** The replay alone (candles per second). */
  readonly runnerMs: number;
}

/**
 * Runs one variant into a fresh `OUT/<label>.db` (a file left by an earlier command is removed:
 * resuming it with other data or settings would mix two runs), then writes its report.json and
 * report.html. Wall-clock time is read here, in the CLI layer, and only lands in `report.runtime`.
 */
export function runVariant(ctx: VariantContext, variant: RunVariant, onProgress?: (done: number, total: number) => void): VariantResult {
  const startedAtMs = Date.now();
  const dbPath = join(ctx.outDir, `${variant.label}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const settings = settingsFromConfig(ctx.config, variant.profile, variant.memory);
  const rotation = ctx.rotate ? rotationFromConfig(ctx.config, ctx.fromMs) : undefined;
  const schedule = rotation === undefined ? undefined : new RotationSchedule(rotation, ctx.klines30m);
  const result = runBacktest({
    candles: ctx.candles, dbPath, settings, fromMs: ctx.fromMs, logger: ctx.logger,
    inUniverse: schedule === undefined ? undefined : (symbol, endMs, pinned) => schedule.watches(symbol, endMs, pinned),
    filters: ctx.filters.lookup,
    onProgress,
  });
  const universe = rotation === undefined ? undefined : {
    refreshMs: rotation.refreshMs,
    volumeSource: Object.fromEntries([...ctx.klines30m].map(([symbol, klines]) => [symbol, volumeSourceOf(klines)])),
    poolChanges: schedule?.poolChanges() ?? [],
  };
  const db = newSqliteDatabase(dbPath, { readonly: true, fileMustExist: true });
  let report: BacktestReport;
  try {
    report = buildReport({
      db,
      run: {
        startedAtMs, finishedAtMs: Date.now(), config: configRecord(settings, rotation), dataDir: ctx.dataDir,
        symbols: ctx.symbols, fromMs: ctx.fromMs, toMs: ctx.toMs, profile: variant.profile, memory: variant.memory,
        candles: result.candles, startingEquity: settings.startingEquity, exchangeFilters: ctx.filters, universe,
      },
      market: ctx.market,
    });
  } finally {
    db.close();
  }
  report = withRobustness(report, ctx.robustness, { feeBps: settings.feeBps, expiryCandles: settings.expiryCandles });
  const { jsonPath, htmlPath } = writeReportFiles(ctx.ownFolder ? join(ctx.outDir, variant.label) : ctx.outDir, report);
  return { report, db: dbPath, jsonPath, htmlPath, wallMs: Date.now() - startedAtMs, runnerMs: result.wallMs };
}
