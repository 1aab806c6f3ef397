import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../domain/errors.js';
import type { Interval, Kline } from '../domain/kline.js';
import { aggregateKlines } from './aggregate.js';
import { readSeriesFile, type SeriesGap } from '../csv/seriesCsv.js';

/** The candles of one symbol, every interval, oldest first. */
export interface SymbolCandles {
  readonly symbol: string;
  readonly series: Readonly<Record<Interval, readonly Kline[]>>;
  /** Intervals built from the 30m file because their own file was missing. */
  readonly aggregated: readonly Interval[];
}

/** What a data folder holds for a backtest. */
export interface BacktestData {
  readonly dir: string;
  /** Sorted by symbol name. */
  readonly symbols: readonly SymbolCandles[];
  /** Every hole found, in file order: reported, skipped, never filled. */
  readonly gaps: readonly SeriesGap[];
}

/** A data folder that cannot feed a backtest (no such folder, no 30m file for a symbol). */
export class BacktestDataError extends DataError {
  constructor(message: string) {
    super('backtest-data', message);
  }
}

const FILE_NAME = /^([A-Z0-9_]+)-(\w+)\.csv$/;

/** Symbols that have a `SYMBOL-30m.csv` in `dir`, sorted. */
export function symbolsInDir(dir: string): string[] {
  if (!existsSync(dir)) throw new BacktestDataError(`data folder ${dir} does not exist`);
  const out = new Set<string>();
  for (const name of readdirSync(dir)) {
    const match = FILE_NAME.exec(name);
    if (match && match[2] === '30m') out.add(match[1] as string);
  }
  return [...out].sort();
}

/**
 * Loads `SYMBOL-{30m,4h,1d}.csv` of each symbol (every symbol with a 30m file when `symbols` is
 * undefined). The 30m file is required; a missing 4h or 1d file is aggregated from the 30m one on
 * UTC boundaries (complete buckets only). Holes are collected in {@link BacktestData.gaps}.
 * Bad rows throw `CsvFormatError` naming the file and line.
 */
export function loadBacktestData(dir: string, symbols?: readonly string[]): BacktestData {
  const wanted = symbols === undefined ? symbolsInDir(dir) : [...new Set(symbols)].sort();
  if (wanted.length === 0) throw new BacktestDataError(`no SYMBOL-30m.csv file in ${dir}`);
  const gaps: SeriesGap[] = [];
  const loaded = wanted.map((symbol): SymbolCandles => {
    const path30m = join(dir, `${symbol}-30m.csv`);
    if (!existsSync(path30m)) throw new BacktestDataError(`${path30m}: missing (a symbol needs at least its 30m file)`);
    const m30 = readSeriesFile(path30m, symbol, '30m');
    gaps.push(...m30.gaps);
    const aggregated: Interval[] = [];
    const higher = (interval: '4h' | '1d'): Kline[] => {
      const path = join(dir, `${symbol}-${interval}.csv`);
      if (!existsSync(path)) {
        aggregated.push(interval);
        return aggregateKlines(m30.klines, interval);
      }
      const s = readSeriesFile(path, symbol, interval);
      gaps.push(...s.gaps);
      return s.klines;
    };
    const series = { '1d': higher('1d'), '4h': higher('4h'), '30m': m30.klines };
    return { symbol, series, aggregated };
  });
  return { dir, symbols: loaded, gaps };
}

