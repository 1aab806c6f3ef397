import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commandConfig, type Config } from '../../config/index.js';
import { runCommand } from '../../cliArgs.js';
import { UsageError } from '../../download/usageError.js';
import { loadBacktestData } from '../../backtest/loadData.js';
import { loadBacktestFilters } from '../../backtest/exchangeFilters.js';
import { filtersNotice } from '../../backtest/filtersNotice.js';
import { settingsFromConfig } from '../../backtest/cliSettings.js';
import { consoleLines } from './consoleTable.js';
import { envFragment } from './envFragment.js';
import { renderWalkForwardHtml } from './renderHtml.js';
import { WALKFORWARD_COMMAND, walkForwardOptionsOf, type WalkForwardOptions } from './cliArgs.js';
import { makeTrialScratchDir } from './scratchDir.js';
import { stopOnRequest } from './stopOnRequest.js';
import { stderrLogger } from '../../logging/stderrLogger.js';
import { runWalkForward, windowsOf } from './walkForward.js';
import type { WalkForwardReport } from './types.js';

export interface WalkForwardCliDeps {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly writeLine?: (line: string) => void;
  readonly writeError?: (line: string) => void;
  /** What stops the run inside a test; otherwise SIGINT/SIGTERM, by the bot's own rules (src/app/lifecycle.ts). */
  readonly stop?: AbortSignal;
}

/** The line a stopped run ends with (stderr); then exit 0, as any command stopped on request. */
export const STOPPED_LINE = 'walkforward stopped before the end: no report written, its trial files removed';

/** report.json, report.html, a `.env` fragment per variant (and its memory rules file) and recommended.env. */
function writeOutputs(outDir: string, report: WalkForwardReport, config: Config): string[] {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'report.html'), renderWalkForwardHtml(report));
  const written = [join(outDir, 'report.json'), join(outDir, 'report.html')];
  for (const v of report.variants) {
    const base = settingsFromConfig(config, v.profile, v.memory);
    const last = v.windows[v.windows.length - 1]!;
    const rulesPath = resolve(outDir, `${v.label}.memory-rules.json`);
    const heading = `walk-forward: ${v.profile} profile, memory ${v.memory ? 'on' : 'off'}: the choice of the most recent window (trained ${last.trainFrom.slice(0, 10)} to ${last.trainTo.slice(0, 10)})`;
    const fragment = envFragment(base, v.space, v.recommended, heading, rulesPath);
    writeFileSync(join(outDir, `${v.label}.env`), fragment.env);
    if (fragment.memoryRules !== undefined) writeFileSync(rulesPath, fragment.memoryRules);
    if (v.label === report.recommendedVariant) {
      writeFileSync(join(outDir, 'recommended.env'), fragment.env);
      written.push(join(outDir, 'recommended.env'));
    }
  }
  return written;
}

interface Io {
  readonly writeLine: (line: string) => void;
  readonly writeError: (line: string) => void;
  /** Of the stop's log lines: LOG_LEVEL when the environment sets it, else warn, as `backtest`: a stop says one line. */
  readonly logLevel: Config['LOG_LEVEL'];
}

async function walkForward(options: WalkForwardOptions, config: Config, { writeLine, writeError, logLevel }: Io, stop: AbortSignal | undefined): Promise<number> {
  const data = loadBacktestData(options.dataDir);
  // Checked before any worker starts: windows that do not fit the data are a usage error (exit 2).
  const count = windowsOf({ data, ...options }).length;
  // Sized as `backtest` sizes: the exchange filters beside the data or of --filters, else none (said).
  const filters = loadBacktestFilters({ dataDir: options.dataDir, file: options.filtersFile, disabled: options.noFilters, symbols: data.symbols.map((s) => s.symbol) });
  const notice = filtersNotice(filters);
  if (notice !== undefined) writeLine(notice);
  // Ctrl-C or SIGTERM: the workers stop and the scratch folder goes before the exit (0). Set up
  // once the data is loaded: a usage error before then leaves no handler behind.
  const request = stopOnRequest(stop, () => stderrLogger(logLevel, config.LOG_FORMAT));
  const running = runWalkForward({
    data, base: settingsFromConfig(config, 'seed', true), profiles: options.profiles, memories: options.memories,
    train: options.train, test: options.test, step: options.step, search: options.search, trials: options.trials, seed: options.seed,
    objective: { minTrades: options.minTrades, maxDrawdownPct: options.maxDrawdownPct }, workers: options.workers, filters,
    scratchDir: makeTrialScratchDir(), signal: request.signal,
    onWindow: (label, w) => writeError(`${label.replace(/-memory-/, ', memory ')}: window ${w.index + 1} of ${count} done (test ${w.testFrom.slice(0, 10)} to ${w.testTo.slice(0, 10)})`),
  });
  request.watch(running);
  let report: WalkForwardReport;
  try {
    report = await running;
  } catch (err) {
    if (!request.signal.aborted) throw err;
    writeError(STOPPED_LINE);
    return await request.exitCode;
  }
  for (const line of consoleLines(report)) writeLine(line);
  for (const path of writeOutputs(options.outDir, report, config)) writeLine(`wrote ${path}`);
  return 0;
}

/**
 * `kline-signals walkforward`: walk-forward optimisation over kline CSVs. Exit code: 0 done or
 * stopped on request (Ctrl-C, SIGTERM: nothing written), 2 bad usage (one line naming the flag),
 * 1 bad configuration or data.
 */
export async function runWalkForwardCli(argv: readonly string[], deps: WalkForwardCliDeps = {}): Promise<number> {
  const writeLine = deps.writeLine ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const writeError = deps.writeError ?? ((line: string) => void process.stderr.write(`${line}\n`));
  return runCommand(WALKFORWARD_COMMAND, argv, { writeLine, writeError }, async (values) => {
    const options = walkForwardOptionsOf(values);
    const config = commandConfig(deps.env ?? process.env, writeError);
    if (config === undefined) return 1;
    try {
      const env = deps.env ?? process.env;
      const logLevel = env.LOG_LEVEL === undefined || env.LOG_LEVEL.trim() === '' ? 'warn' : config.LOG_LEVEL;
      return await walkForward(options, config, { writeLine, writeError, logLevel }, deps.stop);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      writeError(`walkforward failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  });
}
