import { mkdirSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { commandConfig, type Config } from '../config/index.js';
import { DataError } from '../domain/errors.js';
import { klineEndMs, type Kline } from '../domain/kline.js';
import { runCommand } from '../cliArgs.js';
import { createLogger } from '../logging/logger.js';
import { BACKTEST_COMMAND, backtestOptionsOf, type BacktestOptions } from './cliArgs.js';
import { planRuns } from './compare.js';
import { loadBacktestData, type BacktestData } from './loadData.js';
import { loadBacktestFilters, type BacktestFilters } from './exchangeFilters.js';
import { boldOnTerminal, filtersNotice } from './filtersNotice.js';
import { compareReports, writeReportFiles } from './report/index.js';
import { replayOrder } from './replayOrder.js';
import { runVariant, type VariantContext, type VariantResult } from './runVariant.js';
import { DEFAULT_WARM_CANDLES } from '../core/candles/symbolWindows.js';
import { dataEndMs, dataWarnings, time } from './console/dataWarnings.js';
import { UsageError } from '../download/usageError.js';
import { runJsonLine } from './console/jsonLine.js';
import { progressFor, type ProgressStream } from './console/progressBar.js';
import { runsSummaryLines, type FinishedRun } from './console/runsTable.js';
import { runTitle } from './report/metricText.js';
import { robustnessContext } from '../research/robustnessContext.js';

/**
 * What a test swaps in; the defaults are the process's env, stdout, stderr, a pino logger on
 * stderr and stderr for the progress bar (drawn only when it is a terminal).
 */
export interface BacktestCliDeps {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  readonly writeLine?: (line: string) => void;
  readonly writeError?: (line: string) => void;
  /** Where a warning for the reader goes (the run goes on): default stderr, bold on a terminal. */
  readonly writeNotice?: (line: string) => void;
  readonly progress?: ProgressStream;
}

/** The candles a command feeds: every series of the data, none ending after `toMs`, in replay order. */
function replayCandles(data: BacktestData, toMs: number | undefined): Kline[] {
  const keep = (k: Kline): boolean => toMs === undefined || klineEndMs(k) <= toMs;
  return replayOrder(data.symbols.flatMap((s) => [s.series['1d'], s.series['4h'], s.series['30m']].map((series) => series.filter(keep))));
}

function contextOf(options: BacktestOptions, config: Config, data: BacktestData, filters: BacktestFilters, logger: Logger, ownFolder: boolean): VariantContext {
  const candles = replayCandles(data, options.toMs);
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (first === undefined || last === undefined) throw new DataError('backtest-data', `no candle in ${options.dataDir} up to --to`);
  // Without --from every candle is processed: the range starts where the data starts.
  const fromMs = options.fromMs ?? Math.min(...data.symbols.map((s) => s.series['30m'][0]?.openTimeMs ?? Infinity));
  const toMs = options.toMs ?? klineEndMs(last);
  return {
    config, candles, logger, ownFolder, rotate: options.rotate, dataDir: options.dataDir, outDir: options.outDir, filters,
    klines30m: new Map(data.symbols.map((s) => [s.symbol, s.series['30m']])),
    symbols: data.symbols.map((s) => s.symbol),
    fromMs, toMs, robustness: robustnessContext(options.robustness, data, fromMs, toMs),
    market: { symbols: data.symbols, warmCandles: DEFAULT_WARM_CANDLES },
  };
}

interface RunIo {
  readonly writeLine: (line: string) => void;
  readonly writeError: (line: string) => void;
  /** A warning for the reader (no exchange filters applied): the run goes on. */
  readonly writeNotice: (line: string) => void;
  readonly progress: ProgressStream;
}

function run(options: BacktestOptions, config: Config, logger: Logger, io: RunIo): void {
  const data = loadBacktestData(options.dataDir, options.symbols);
  // Nothing to trade: an empty report written over the last one is worse than no run (exit 2, nothing written).
  const endMs = dataEndMs(data);
  if (options.fromMs !== undefined && endMs !== undefined && options.fromMs >= endMs) {
    throw new UsageError('--from', `${time(options.fromMs)} UTC is after the end of the data, which ends on ${time(endMs)} UTC: choose an earlier --from`);
  }
  for (const line of dataWarnings(data, options.fromMs)) io.writeError(line);
  const filters = loadBacktestFilters({ dataDir: options.dataDir, file: options.filtersFile, disabled: options.noFilters, symbols: data.symbols.map((s) => s.symbol) });
  const notice = filtersNotice(filters);
  if (notice !== undefined) io.writeNotice(notice);
  const variants = planRuns({ profile: options.profile ?? config.MODEL_PROFILE, memory: !options.noMemory && config.MEMORY_ENABLED, compare: options.compare });
  mkdirSync(options.outDir, { recursive: true });
  const ctx = contextOf(options, config, data, filters, logger, variants.length > 1);
  const finished: FinishedRun[] = [];
  for (const variant of variants) {
    const bar = progressFor(runTitle(variant.profile, variant.memory), { stream: io.progress, now: Date.now });
    let result: VariantResult;
    try {
      // Off a terminal no bar is drawn: the replay then runs without the progress hook at all.
      result = runVariant(ctx, variant, io.progress.isTTY === true ? (done, total) => bar.update(done, total) : undefined);
    } finally {
      bar.done();
    }
    if (options.json) {
      io.writeLine(JSON.stringify({ ...runJsonLine({ label: variant.label, gaps: data.gaps.length, ...result }), filters: filters.source ?? 'none' }));
    }
    finished.push(result);
  }
  const comparison = finished.length > 1
    ? writeReportFiles(options.outDir, compareReports(finished.map((r, i) => ({ label: variants[i]?.label ?? String(i), report: r.report }))))
    : undefined;
  if (!options.json) for (const line of runsSummaryLines(finished, comparison)) io.writeLine(line);
}

/**
 * `kline-signals backtest`: replays kline CSVs through the live signal pipeline and writes a
 * report per run (and a comparison with `--compare` or `--profile both`). stdout: a metrics table
 * (one column per run) and the report paths, or one JSON line per run with `--json`. stderr: data
 * warnings in words, a progress bar on a terminal, logs at warn (LOG_LEVEL when set). Exit code: 0 done, 2 bad usage (one line naming the flag),
 * 1 failure (bad configuration, or bad data: the message names the file and line).
 */
export async function runBacktestCli(argv: readonly string[], deps: BacktestCliDeps = {}): Promise<number> {
  const writeLine = deps.writeLine ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const writeError = deps.writeError ?? ((line: string) => void process.stderr.write(`${line}\n`));
  return runCommand(BACKTEST_COMMAND, argv, { writeLine, writeError }, async (values) => {
    const options = backtestOptionsOf(values);
    const config = commandConfig(deps.env ?? process.env, writeError);
    if (config === undefined) return 1;
    const writeNotice = deps.writeNotice ?? stderrNotice;
    return backtest(options, config, deps, writeLine, writeError, writeNotice);
  });
}

/** A notice on stderr, bold when stderr is a terminal. */
function stderrNotice(line: string): void {
  process.stderr.write(`${boldOnTerminal(line, process.stderr.isTTY === true)}\n`);
}

/** The log level of a backtest: LOG_LEVEL when the environment sets it, else warn (a replay logs every step at info). */
function logLevelOf(env: Readonly<Record<string, string | undefined>>, config: Config): Config['LOG_LEVEL'] {
  return env.LOG_LEVEL === undefined || env.LOG_LEVEL.trim() === '' ? 'warn' : config.LOG_LEVEL;
}

function backtest(
  options: BacktestOptions, config: Config, deps: BacktestCliDeps,
  writeLine: (line: string) => void, writeError: (line: string) => void, writeNotice: (line: string) => void,
): number {
  const level = logLevelOf(deps.env ?? process.env, config);
  const logger = deps.logger ?? createLogger({ level, secrets: [], destination: pino.destination({ dest: 2, sync: true }) });
  try {
    run(options, config, logger, { writeLine, writeError, writeNotice, progress: deps.progress ?? process.stderr });
    return 0;
  } catch (err) {
    if (err instanceof UsageError) throw err; // exit 2, one line (runCommand)
    const message = err instanceof Error ? err.message : String(err);
    logger.debug({ err }, 'backtest failed');
    writeError(`backtest failed: ${message}`);
    return 1;
  }
}
