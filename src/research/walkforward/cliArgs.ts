import { availableParallelism } from 'node:os';
import type { ArgValues, CommandSpec } from '../../cliArgs.js';
import type { ModelProfile } from '../../domain/signal.js';
import { UsageError } from '../../download/usageError.js';
import { parseDuration, type Duration } from './duration.js';
import type { SearchKind } from './search.js';

/** The flags of `kline-signals walkforward`, checked. */
export interface WalkForwardOptions {
  readonly dataDir: string;
  readonly train: Duration;
  readonly test: Duration;
  readonly step: Duration;
  readonly profiles: readonly ModelProfile[];
  readonly memories: readonly boolean[];
  readonly search: SearchKind;
  readonly trials: number;
  readonly seed: number;
  readonly minTrades: number;
  readonly maxDrawdownPct: number;
  readonly workers: number;
  readonly outDir: string;
  /** `--filters FILE`: the exchangeInfo to size with instead of DIR/exchangeInfo.json. */
  readonly filtersFile: string | undefined;
  /** `--no-filters`: size without exchange filters. */
  readonly noFilters: boolean;
}

export const WALKFORWARD_COMMAND: CommandSpec = {
  name: 'walkforward',
  synopsis: '--data DIR [--train 6mo] [--test 2mo] [--step 2mo] [--profile seed|confluence|both] [--memory on|off|both] [--search random|grid] [--trials N] [--seed N] [--workers N] [--out DIR]',
  summary:
    'Walk-forward optimisation: in each rolling window, search the parameters on the train period, keep the best by the objective and run it unchanged on the test period; write report.json, report.html and the recommended configuration as a .env fragment.',
  options: {
    data: { type: 'string', value: 'DIR', help: 'folder of SYMBOL-INTERVAL.csv files (required)' },
    train: { type: 'string', value: 'LEN', help: 'length of each train period: days, weeks or months, e.g. 6mo, 8w, 90d (default 6mo)' },
    test: { type: 'string', value: 'LEN', help: 'length of each test period (default 2mo)' },
    step: { type: 'string', value: 'LEN', help: 'how far each window moves on (default: the test length)' },
    profile: { type: 'string', value: 'seed|confluence|both', help: 'model profile to tune (default both)' },
    memory: { type: 'string', value: 'on|off|both', help: 'with or without the adaptive memory (default both)' },
    search: { type: 'string', value: 'random|grid', help: 'seeded random draws, or a grid walked evenly (default random)' },
    trials: { type: 'string', value: 'N', help: 'trials per window besides the configuration as given, 1–10000 (default 24)' },
    seed: { type: 'string', value: 'N', help: 'seed of the random search, 0–4294967295 (default 1)' },
    'min-trades': { type: 'string', value: 'N', help: 'objective: fewest train trades a trial needs, 0–100000 (default 30)' },
    'max-drawdown': { type: 'string', value: 'PCT', help: 'objective: largest train drawdown a trial may have, 0–100 (default 25)' },
    workers: { type: 'string', value: 'N', help: 'worker threads running trials, 1–256 (default: the number of cores)' },
    filters: { type: 'string', value: 'FILE', help: 'exchangeInfo JSON whose size filters apply (default DIR/exchangeInfo.json when present)' },
    'no-filters': { type: 'boolean', help: 'size without the exchange filters (lot step, tick, minimums)' },
    out: { type: 'string', value: 'DIR', help: 'where the reports go (default data/walkforward)' },
  },
  notes:
    'The objective is the highest in-sample expectancy (R per trade) among trials with at least --min-trades trades and at most --max-drawdown % drawdown. ' +
    'Each period is a plain backtest: earlier candles only warm the indicators, no candle after its end is read. The settings as given come from the environment (SCORE_THRESHOLD, MEMORY_RULES_FILE …).',
};

function integerOf(flag: string, raw: string | undefined, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) throw new UsageError(flag, `${JSON.stringify(raw)} is not a whole number from ${min} to ${max}`);
  return value;
}

function choiceOf<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  const found = allowed.find((a) => a === raw.trim());
  if (found === undefined) throw new UsageError(flag, `${JSON.stringify(raw)} is not ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`);
  return found;
}

/** The checked options; a UsageError names the flag and its allowed values. */
export function walkForwardOptionsOf(values: ArgValues): WalkForwardOptions {
  const str = (name: string): string | undefined => values[name] as string | undefined;
  const dataDir = str('data');
  if (dataDir === undefined || dataDir.trim() === '') throw new UsageError('--data', 'is required (a folder of SYMBOL-INTERVAL.csv files)');
  const test = parseDuration('--test', str('test') ?? '2mo');
  const profile = choiceOf('--profile', str('profile'), ['seed', 'confluence', 'both'] as const, 'both');
  const memory = choiceOf('--memory', str('memory'), ['on', 'off', 'both'] as const, 'both');
  const rawDrawdown = str('max-drawdown');
  const maxDrawdownPct = rawDrawdown === undefined ? 25 : Number(rawDrawdown.trim());
  if (rawDrawdown !== undefined && (rawDrawdown.trim() === '' || !Number.isFinite(maxDrawdownPct) || maxDrawdownPct < 0 || maxDrawdownPct > 100)) {
    throw new UsageError('--max-drawdown', `${JSON.stringify(rawDrawdown)} is not a percentage from 0 to 100`);
  }
  const filtersFile = str('filters');
  const noFilters = values['no-filters'] === true;
  if (noFilters && filtersFile !== undefined) throw new UsageError('--no-filters', 'cannot be given with --filters');
  return {
    dataDir, filtersFile, noFilters,
    train: parseDuration('--train', str('train') ?? '6mo'),
    test,
    step: str('step') === undefined ? test : parseDuration('--step', str('step')!),
    profiles: profile === 'both' ? ['seed', 'confluence'] : [profile],
    memories: memory === 'both' ? [true, false] : [memory === 'on'],
    search: choiceOf('--search', str('search'), ['random', 'grid'] as const, 'random'),
    trials: integerOf('--trials', str('trials'), 1, 10_000, 24),
    seed: integerOf('--seed', str('seed'), 0, 4_294_967_295, 1),
    minTrades: integerOf('--min-trades', str('min-trades'), 0, 100_000, 30),
    maxDrawdownPct,
    workers: integerOf('--workers', str('workers'), 1, 256, availableParallelism()),
    outDir: str('out') ?? 'data/walkforward',
  };
}
