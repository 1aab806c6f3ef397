import type { Logger } from 'pino';
import { parseConfig } from '../config/config.js';
import { ConfigError } from '../domain/index.js';
import { stderrLogger } from '../logging/stderrLogger.js';
import { createBinanceRest, STANDALONE_RETRY, type BinanceRest } from '../streams/binanceRest.js';
import { downloadKlines } from './downloadKlines.js';
import { writeExchangeInfoFile } from './exchangeInfoFile.js';
import { runCommand } from '../cliArgs.js';
import { DOWNLOAD_COMMAND, downloadOptionsOf } from './downloadOptions.js';
import type { DownloadOptions } from './downloadOptions.js';

/** The final stdout line: what the run did. `weightUsed` is the request weight this run sent. */
export interface DownloadSummary {
  readonly files: number;
  readonly rows: number;
  readonly weightUsed: number;
  readonly requests: number;
  /** Holes in the exchange's history, left as holes in the files and logged (normally 0). */
  readonly gaps: number;
}

/** What a test swaps in; the defaults are the process's env, stdout, stderr and a pino logger on stderr. */
export interface DownloadCliDeps {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  readonly writeLine?: (line: string) => void;
  readonly writeError?: (line: string) => void;
  /** Extra settings of the REST client (retries, weight window) for tests. */
  readonly restOverrides?: Partial<Parameters<typeof createBinanceRest>[0]>;
}

function summarize(rest: BinanceRest, files: number, rows: number, gaps: number): DownloadSummary {
  const stats = rest.stats();
  return { files, rows, weightUsed: stats.weightSentTotal, requests: stats.requests, gaps };
}

async function run(options: DownloadOptions, deps: DownloadCliDeps, logger: Logger): Promise<DownloadSummary> {
  // Nothing above the client retries here, so the client does: 6 attempts per request.
  const rest = createBinanceRest({ baseUrl: options.restUrl, logger, retry: STANDALONE_RETRY, ...deps.restOverrides });
  try {
    const info = await rest.exchangeInfo(); // weight 1: sizes the weight budget from the exchange's REQUEST_WEIGHT limit
    const log = logger.child({ component: 'download' });
    const results = await downloadKlines(rest, options, log);
    // The filters beside the CSVs, so a backtest of this folder sizes as live (lot step, tick, minimums).
    const undescribed = writeExchangeInfoFile(options.outDir, info, options.symbols);
    if (undescribed.length > 0) log.warn({ symbols: undescribed }, 'exchangeInfo does not list these symbols: a backtest sizes them without filters');
    const rows = results.reduce((n, r) => n + r.rows, 0);
    return summarize(rest, results.length, rows, results.reduce((n, r) => n + r.gaps, 0));
  } finally {
    await rest.close();
  }
}

/**
 * `kline-signals download`: pages REST klines into `OUT/SYMBOL-INTERVAL.csv` (Binance's kline
 * CSV), resuming existing files. Logs progress to stderr, prints one JSON {@link DownloadSummary}
 * line to stdout. Exit code: 0 done, 2 bad usage (one line naming the flag), 1 failure (one line
 * naming the series and the cause, e.g. an invalid symbol).
 */
export async function runDownloadCli(argv: readonly string[], deps: DownloadCliDeps = {}): Promise<number> {
  const writeLine = deps.writeLine ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const writeError = deps.writeError ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const env = deps.env ?? process.env;
  return runCommand(DOWNLOAD_COMMAND, argv, { writeLine, writeError }, async (values) => {
    let options: DownloadOptions;
    try {
      options = downloadOptionsOf(values, env);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      writeError(`config error: ${err.message}`);
      return 1;
    }
    return download(options, env, deps, writeLine, writeError);
  });
}

async function download(
  options: DownloadOptions, env: Readonly<Record<string, string | undefined>>, deps: DownloadCliDeps,
  writeLine: (line: string) => void, writeError: (line: string) => void,
): Promise<number> {
  let logger: Logger;
  try {
    const { LOG_LEVEL, LOG_FORMAT } = parseConfig({ LOG_LEVEL: env.LOG_LEVEL, LOG_FORMAT: env.LOG_FORMAT });
    logger = deps.logger ?? stderrLogger(LOG_LEVEL, LOG_FORMAT);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    writeError(`config error: ${err.message}`);
    return 1;
  }
  try {
    const summary = await run(options, deps, logger);
    writeLine(JSON.stringify(summary));
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.error({ err }, 'download failed');
    writeError(`download failed: ${message}`);
    return 1;
  }
}
