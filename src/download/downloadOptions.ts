import { parseCommandArgs, type ArgValues, type CommandSpec } from '../cliArgs.js';
import { ConfigError, isInterval, type Interval } from '../domain/index.js';
import type { DownloadPlan } from './downloadKlines.js';
import { UsageError } from './usageError.js';

/** Everything `download` runs with, after the flags are checked. */
export interface DownloadOptions extends DownloadPlan {
  readonly restUrl: string;
}

export const DEFAULT_REST_URL = 'https://fapi.binance.com';
const SYMBOL = /^[A-Z0-9]{2,30}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD` (UTC midnight), an ISO date-time with `Z` or an offset, or epoch ms. */
export function parseInstantMs(flag: string, raw: string): number {
  const text = raw.trim();
  const day = DAY.exec(text);
  const ms = /^\d+$/.test(text) ? Number(text) : day || DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  // Date.parse rolls 2024-02-30 over to March: a real day reads back the same.
  const real = Number.isFinite(ms) && (!day || new Date(ms).toISOString().slice(0, 10) === text);
  if (!real) throw new UsageError(flag, `${JSON.stringify(raw)} is not a date (YYYY-MM-DD, ISO date-time with Z, or epoch ms)`);
  return ms;
}

function list(flag: string, raw: string): string[] {
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new UsageError(flag, 'needs a comma-separated list');
  return [...new Set(items)];
}

function required(flag: string, raw: string | undefined): string {
  if (raw === undefined) throw new UsageError(flag, 'is required');
  return raw;
}

function isHttpUrl(raw: string): boolean {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:');
}

function restUrlOf(flag: string | undefined, env: string | undefined): string {
  if (flag !== undefined && !isHttpUrl(flag)) throw new UsageError('--rest-url', `${JSON.stringify(flag)} is not an http(s) URL`);
  const fromEnv = env === undefined || env === '' ? undefined : env;
  if (flag === undefined && fromEnv !== undefined && !isHttpUrl(fromEnv)) throw new ConfigError('BINANCE_REST_URL', fromEnv, 'an http(s) URL');
  return (flag ?? fromEnv ?? DEFAULT_REST_URL).replace(/\/+$/, '');
}

export const DOWNLOAD_COMMAND: CommandSpec = {
  name: 'download',
  synopsis: '--symbols BTCUSDT,ETHUSDT --from 2024-01-01 [--to 2024-03-01] [--intervals 30m,4h,1d] [--out data/klines] [--rest-url URL] [--concurrency 3]',
  summary: 'Page Binance REST klines into OUT/SYMBOL-INTERVAL.csv (Binance kline CSV), resuming existing files; one JSON summary line on stdout.',
  options: {
    symbols: { type: 'string', value: 'A,B', help: 'symbols to download (required)' },
    from: { type: 'string', value: 'DATE', help: 'first open time: YYYY-MM-DD, ISO date-time with Z, or epoch ms (required)' },
    to: { type: 'string', value: 'DATE', help: 'end (default: now)' },
    intervals: { type: 'string', value: 'LIST', help: 'intervals among 30m, 4h, 1d (default all three)' },
    out: { type: 'string', value: 'DIR', help: 'output folder (default data/klines)' },
    'rest-url': { type: 'string', value: 'URL', help: 'REST base (default BINANCE_REST_URL, else https://fapi.binance.com)' },
    concurrency: { type: 'string', value: 'N', help: 'series downloaded at once, 1–10 (default 3)' },
  },
};

/**
 * Reads `--symbols A,B --from DATE [--to DATE] [--intervals 30m,4h,1d] [--out DIR]
 * [--rest-url URL] [--concurrency N]`. The REST URL falls back to `BINANCE_REST_URL`, then to
 * Binance. Throws {@link UsageError} naming the flag; node's own parse errors (unknown flag,
 * missing value) are turned into one too. A bad `BINANCE_REST_URL` is a {@link ConfigError}.
 */
export function parseDownloadArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): DownloadOptions {
  return downloadOptionsOf(parseCommandArgs(DOWNLOAD_COMMAND, argv) ?? {}, env);
}

/** The checked options from the parsed flags (see {@link parseDownloadArgs}). */
export function downloadOptionsOf(parsed: ArgValues, env: Readonly<Record<string, string | undefined>>): DownloadOptions {
  const values = parsed as Record<string, string | undefined>;
  const symbols = list('--symbols', required('--symbols', values.symbols)).map((s) => s.toUpperCase());
  const badSymbol = symbols.find((s) => !SYMBOL.test(s));
  if (badSymbol !== undefined) throw new UsageError('--symbols', `${JSON.stringify(badSymbol)} is not a symbol like BTCUSDT`);
  const intervals = list('--intervals', values.intervals ?? '30m,4h,1d');
  const badInterval = intervals.find((i) => !isInterval(i));
  if (badInterval !== undefined) throw new UsageError('--intervals', `${JSON.stringify(badInterval)} is not one of 30m, 4h, 1d`);
  const fromMs = parseInstantMs('--from', required('--from', values.from));
  const toMs = values.to === undefined ? undefined : parseInstantMs('--to', values.to);
  if (toMs !== undefined && toMs <= fromMs) throw new UsageError('--to', `must be after --from`);
  const concurrency = Number(values.concurrency ?? '3');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 10) throw new UsageError('--concurrency', 'must be an integer 1–10');
  const out = values.out ?? 'data/klines';
  if (out.trim() === '') throw new UsageError('--out', 'must be a directory');
  const restUrl = restUrlOf(values['rest-url'], env.BINANCE_REST_URL);
  return { symbols, intervals: intervals as Interval[], fromMs, toMs, outDir: out, concurrency, restUrl };
}
