import { parseCommandArgs, type ArgValues, type CommandSpec } from '../cliArgs.js';
import type { ModelProfile } from '../domain/signal.js';
import { parseInstantMs } from '../download/downloadOptions.js';
import { UsageError } from '../download/usageError.js';
import { DEFAULT_ROBUSTNESS_OPTIONS, type RobustnessOptions } from '../research/robustness.js';

/** The flags of `kline-signals backtest`, checked. */
export interface BacktestOptions {
  readonly dataDir: string;
  /** Undefined: every symbol with a 30m file in the data folder. */
  readonly symbols: readonly string[] | undefined;
  /** Candles ending at or before this only warm the windows. */
  readonly fromMs: number | undefined;
  /** Candles ending after this are not fed. */
  readonly toMs: number | undefined;
  /** Undefined: MODEL_PROFILE. `both` runs seed and confluence. */
  readonly profile: ModelProfile | 'both' | undefined;
  readonly noMemory: boolean;
  readonly compare: boolean;
  readonly rotate: boolean;
  readonly outDir: string;
  /** `--filters FILE`: the exchangeInfo to size with instead of DATA/exchangeInfo.json. */
  readonly filtersFile: string | undefined;
  /** `--no-filters`: size without exchange filters even when the data folder has them. */
  readonly noFilters: boolean;
  /** --json: one JSON line per run on stdout instead of the table. */
  readonly json: boolean;
  /** `--monte-carlo`, `--baseline-runs`, `--seed`: the report's robustness section. */
  readonly robustness: RobustnessOptions;
}

export const BACKTEST_COMMAND: CommandSpec = {
  name: 'backtest',
  synopsis: '--data DIR [--symbols A,B] [--from ISO] [--to ISO] [--profile seed|confluence|both] [--no-memory] [--compare] [--rotate] [--filters FILE | --no-filters] [--out DIR] [--monte-carlo N] [--baseline-runs N] [--seed N] [--json]',
  summary: 'Replay kline CSVs through the live signal pipeline, print a metrics table per run and write report.json and report.html (a comparison with --compare).',
  options: {
    data: { type: 'string', value: 'DIR', help: 'folder of SYMBOL-INTERVAL.csv files (required)' },
    symbols: { type: 'string', value: 'A,B', help: 'symbols to replay (default: every symbol with a 30m file)' },
    from: { type: 'string', value: 'ISO', help: 'candles ending before this only warm up the indicators' },
    to: { type: 'string', value: 'ISO', help: 'candles ending after this are not fed' },
    profile: { type: 'string', value: 'seed|confluence|both', help: 'model profile (default MODEL_PROFILE); both runs the two' },
    'no-memory': { type: 'boolean', help: 'run without the adaptive memory' },
    compare: { type: 'boolean', help: 'run memory on and off and write comparison.html' },
    rotate: { type: 'boolean', help: 'rotate the universe as the live bot does' },
    filters: { type: 'string', value: 'FILE', help: 'exchangeInfo JSON whose size filters apply (default DIR/exchangeInfo.json when present)' },
    'no-filters': { type: 'boolean', help: 'size without the exchange filters (lot step, tick, minimums)' },
    out: { type: 'string', value: 'DIR', help: 'where the reports go (default data/backtest)' },
    'monte-carlo': { type: 'string', value: 'N', help: 'trade-order reshuffles for the drawdown and return bands (default 1000, 0 = off)' },
    'baseline-runs': { type: 'string', value: 'N', help: 'repetitions of the random-entry baseline per model (default 200, 0 = off)' },
    seed: { type: 'string', value: 'N', help: 'seed of the reshuffles and random entries (default 1): the same seed, the same numbers' },
    json: { type: 'boolean', help: 'print one JSON line per run instead of the table' },
  },
};

const SYMBOL = /^[A-Z0-9]{2,30}$/;
const PROFILES = ['seed', 'confluence', 'both'] as const;

function nonEmpty(flag: string, raw: string | undefined): string | undefined {
  if (raw !== undefined && raw.trim() === '') throw new UsageError(flag, 'needs a value');
  return raw;
}

function symbolsOf(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = [...new Set(raw.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== ''))];
  if (items.length === 0) throw new UsageError('--symbols', 'needs a comma-separated list');
  const bad = items.find((s) => !SYMBOL.test(s));
  if (bad !== undefined) throw new UsageError('--symbols', `${JSON.stringify(bad)} is not a symbol like BTCUSDT`);
  return items;
}

function profileOf(raw: string | undefined): BacktestOptions['profile'] {
  if (raw === undefined) return undefined;
  const found = PROFILES.find((p) => p === raw.trim());
  if (found === undefined) throw new UsageError('--profile', `${JSON.stringify(raw)} is not seed, confluence or both`);
  return found;
}

/** A whole number in [0, max] from a flag, or the default when the flag is absent. */
function countOf(flag: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value > max) throw new UsageError(flag, `must be a whole number 0–${max}, got ${JSON.stringify(raw)}`);
  return value;
}

/**
 * Reads the backtest flags (see {@link BACKTEST_USAGE}). Throws {@link UsageError} naming the
 * flag: unknown flags, missing values, a bad date, `--to` not after `--from`, `--no-memory` with
 * `--compare` (which runs memory on and off itself).
 */
export function parseBacktestArgs(argv: readonly string[]): BacktestOptions {
  return backtestOptionsOf(parseCommandArgs(BACKTEST_COMMAND, argv) ?? {});
}

/** The checked options from the parsed flags (see {@link parseBacktestArgs}). */
export function backtestOptionsOf(values: ArgValues): BacktestOptions {
  const str = (name: string): string | undefined => nonEmpty(`--${name}`, values[name] as string | undefined);
  const dataDir = str('data');
  if (dataDir === undefined) throw new UsageError('--data', 'is required (a folder of SYMBOL-INTERVAL.csv files)');
  const from = str('from');
  const to = str('to');
  const fromMs = from === undefined ? undefined : parseInstantMs('--from', from);
  const toMs = to === undefined ? undefined : parseInstantMs('--to', to);
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw new UsageError('--to', 'must be after --from');
  const noMemory = values['no-memory'] === true;
  const compare = values.compare === true;
  if (noMemory && compare) throw new UsageError('--no-memory', '--compare already runs memory on and off');
  const filtersFile = str('filters');
  const noFilters = values['no-filters'] === true;
  if (noFilters && filtersFile !== undefined) throw new UsageError('--no-filters', 'cannot be given with --filters');
  return {
    dataDir, symbols: symbolsOf(str('symbols')), fromMs, toMs, profile: profileOf(str('profile')),
    noMemory, compare, rotate: values.rotate === true, outDir: str('out') ?? 'data/backtest', json: values.json === true,
    filtersFile, noFilters,
    robustness: {
      monteCarloRuns: countOf('--monte-carlo', str('monte-carlo'), DEFAULT_ROBUSTNESS_OPTIONS.monteCarloRuns, 100_000),
      baselineRuns: countOf('--baseline-runs', str('baseline-runs'), DEFAULT_ROBUSTNESS_OPTIONS.baselineRuns, 10_000),
      seed: countOf('--seed', str('seed'), DEFAULT_ROBUSTNESS_OPTIONS.seed, 4_294_967_295),
    },
  };
}
