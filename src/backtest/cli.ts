import { mkdirSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { parseConfig, type Config } from '../config/index.js';
import { ConfigError, DataError } from '../domain/errors.js';
import { klineEndMs, type Kline } from '../domain/kline.js';
import { runCommand } from '../cliArgs.js';
import { createLogger } from '../logging/logger.js';
import { BACKTEST_COMMAND, backtestOptionsOf, type BacktestOptions } from './cliArgs.js';
import { planRuns } from './compare.js';
import { loadBacktestData, type BacktestData } from './loadData.js';
import { compareReports, writeReportFiles } from './report/index.js';
import { replayOrder } from './replayOrder.js';
import { runVariant, type VariantContext } from './runVariant.js';
import { robustnessContext } from '../research/robustnessContext.js';

/** What a test swaps in; the defaults are the process's env, stdout, stderr and a pino logger on stderr. */
export interface BacktestCliDeps {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  readonly writeLine?: (line: string) => void;
  readonly writeError?: (line: string) => void;
}

/** The candles a command feeds: every series of the data, none ending after `toMs`, in replay order. */
function replayCandles(data: BacktestData, toMs: number | undefined): Kline[] {
  const keep = (k: Kline): boolean => toMs === undefined || klineEndMs(k) <= toMs;
  return replayOrder(data.symbols.flatMap((s) => [s.series['1d'], s.series['4h'], s.series['30m']].map((series) => series.filter(keep))));
}

function contextOf(options: BacktestOptions, config: Config, data: BacktestData, logger: Logger, ownFolder: boolean): VariantContext {
  const candles = replayCandles(data, options.toMs);
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (first === undefined || last === undefined) throw new DataError('backtest-data', `no candle in ${options.dataDir} up to --to`);
  // Without --from every candle is processed: the range starts where the data starts.
  const fromMs = options.fromMs ?? Math.min(...data.symbols.map((s) => s.series['30m'][0]?.openTimeMs ?? Infinity));
  const toMs = options.toMs ?? klineEndMs(last);
  return {
    config, candles, logger, ownFolder, rotate: options.rotate, dataDir: options.dataDir, outDir: options.outDir,
    klines30m: new Map(data.symbols.map((s) => [s.symbol, s.series['30m']])),
    symbols: data.symbols.map((s) => s.symbol),
    fromMs, toMs, robustness: robustnessContext(options.robustness, data, fromMs, toMs),
  };
}

function run(options: BacktestOptions, config: Config, logger: Logger, writeLine: (line: string) => void): void {
  const log = logger.child({ component: 'backtest' });
  const data = loadBacktestData(options.dataDir, options.symbols);
  for (const gap of data.gaps) {
    log.warn({ file: gap.file, from: new Date(gap.fromMs).toISOString(), to: new Date(gap.toMs).toISOString(), count: gap.count }, 'gap in kline data skipped');
  }
  for (const s of data.symbols) if (s.aggregated.length > 0) log.info({ symbol: s.symbol, intervals: s.aggregated }, 'intervals aggregated from 30m');
  const variants = planRuns({ profile: options.profile ?? config.MODEL_PROFILE, memory: !options.noMemory && config.MEMORY_ENABLED, compare: options.compare });
  mkdirSync(options.outDir, { recursive: true });
  const ctx = contextOf(options, config, data, logger, variants.length > 1);
  const reports = variants.map((variant) => {
    const { report, line } = runVariant(ctx, variant);
    writeLine(JSON.stringify({ ...line, gaps: data.gaps.length }));
    return { label: variant.label, report };
  });
  if (reports.length > 1) writeReportFiles(options.outDir, compareReports(reports));
}

/**
 * `kline-signals backtest`: replays kline CSVs through the live signal pipeline and writes a
 * report per run (and a comparison with `--compare` or `--profile both`). Logs go to stderr, one
 * JSON summary line per run to stdout. Exit code: 0 done, 2 bad usage (one line naming the flag),
 * 1 failure (bad configuration, or bad data: the message names the file and line).
 */
export async function runBacktestCli(argv: readonly string[], deps: BacktestCliDeps = {}): Promise<number> {
  const writeLine = deps.writeLine ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const writeError = deps.writeError ?? ((line: string) => void process.stderr.write(`${line}\n`));
  return runCommand(BACKTEST_COMMAND, argv, { writeLine, writeError }, async (values) => {
    const options = backtestOptionsOf(values);
    let config: Config;
    try {
      config = parseConfig(deps.env ?? process.env);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      writeError(`config error: ${err.message}`);
      return 1;
    }
    return backtest(options, config, deps, writeLine, writeError);
  });
}

function backtest(options: BacktestOptions, config: Config, deps: BacktestCliDeps, writeLine: (line: string) => void, writeError: (line: string) => void): number {
  const logger = deps.logger ?? createLogger({ level: config.LOG_LEVEL, secrets: [], destination: pino.destination({ dest: 2, sync: true }) });
  try {
    run(options, config, logger, writeLine);
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.error({ err }, 'backtest failed');
    writeError(`backtest failed: ${message}`);
    return 1;
  }
}
