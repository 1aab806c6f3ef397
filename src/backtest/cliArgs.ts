import { parseArgs } from 'node:util';
import type { ModelProfile } from '../domain/signal.js';
import { parseInstantMs } from '../download/downloadOptions.js';
import { UsageError } from '../download/usageError.js';

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
}

export const BACKTEST_USAGE =
  'usage: kline-signals backtest --data DIR [--symbols A,B] [--from ISO] [--to ISO] ' +
  '[--profile seed|confluence|both] [--no-memory] [--compare] [--rotate] [--out DIR]';

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

/**
 * Reads the backtest flags (see {@link BACKTEST_USAGE}). Throws {@link UsageError} naming the
 * flag: unknown flags, missing values, a bad date, `--to` not after `--from`, `--no-memory` with
 * `--compare` (which runs memory on and off itself).
 */
export function parseBacktestArgs(argv: readonly string[]): BacktestOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' }, symbols: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
        profile: { type: 'string' }, 'no-memory': { type: 'boolean' }, compare: { type: 'boolean' },
        rotate: { type: 'boolean' }, out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    throw new UsageError(/(--?[\w-]+)/.exec(message)?.[1] ?? 'arguments', message);
  }
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
  return {
    dataDir, symbols: symbolsOf(str('symbols')), fromMs, toMs, profile: profileOf(str('profile')),
    noMemory, compare, rotate: values.rotate === true, outDir: str('out') ?? 'data/backtest',
  };
}
