import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { INTERVAL_MS, type Interval, type Kline } from '../domain/kline.js';
import { CsvFormatError, parseKlineCsv, tableKlines } from './klineCsv.js';

/**
 * A hole in a kline CSV: `count` candles missing, open times `fromMs` up to (excluding) `toMs`,
 * where `toMs` is the open time of the row that follows the hole. Reported and skipped: a backtest
 * never invents prices for it.
 */
export interface SeriesGap {
  readonly file: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly count: number;
}

/** One series read from a CSV, possibly with holes. */
export interface LoadedSeries {
  readonly symbol: string;
  readonly interval: Interval;
  /** Closed candles, oldest first, each one interval after the previous except across a gap. */
  readonly klines: Kline[];
  readonly gaps: SeriesGap[];
}

interface Segment {
  /** 1-based line number of each data row of the segment. */
  readonly lines: number[];
  readonly texts: string[];
}

function openTimeOf(line: string, file: string, lineNo: number): number {
  const comma = line.indexOf(',');
  const cell = comma < 0 ? line : line.slice(0, comma);
  const value = cell.trim() === '' ? Number.NaN : Number(cell);
  if (!Number.isFinite(value)) throw new CsvFormatError(file, lineNo, `column 1 is not a number: ${JSON.stringify(cell)}`);
  return value;
}

/** Splits the data rows into gapless runs; throws on unsorted, duplicated or off-grid rows. */
function splitAtGaps(text: string, file: string, stepMs: number): { segments: Segment[]; gaps: SeriesGap[] } {
  const segments: Segment[] = [];
  const gaps: SeriesGap[] = [];
  let current: Segment | undefined;
  let previous: number | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || (index === 0 && !/^\d/.test(line))) return; // blank or header
    const lineNo = index + 1;
    const openMs = openTimeOf(line, file, lineNo);
    if (previous !== undefined) {
      if (openMs <= previous) throw new CsvFormatError(file, lineNo, `rows not sorted: open time ${openMs} not after previous ${previous}`);
      if ((openMs - previous) % stepMs !== 0) throw new CsvFormatError(file, lineNo, `open time ${openMs} is off the ${stepMs} ms grid of the previous row`);
      if (openMs !== previous + stepMs) {
        gaps.push({ file, fromMs: previous + stepMs, toMs: openMs, count: (openMs - previous) / stepMs - 1 });
        current = undefined;
      }
    }
    if (current === undefined) {
      current = { lines: [], texts: [] };
      segments.push(current);
    }
    current.lines.push(lineNo);
    current.texts.push(line);
    previous = openMs;
  });
  return { segments, gaps };
}

/** Checks what the sim's parser does not: a candle's range and volume make sense. */
function checkRow(k: Kline, file: string, lineNo: number): void {
  if (k.high < k.low) throw new CsvFormatError(file, lineNo, `high ${k.high} below low ${k.low}`);
  if (k.low <= 0) throw new CsvFormatError(file, lineNo, `low ${k.low} is not a positive price`);
  if (k.volume < 0 || k.quoteVolume < 0) throw new CsvFormatError(file, lineNo, 'negative volume');
}

/**
 * Parses a Binance kline CSV (column order of Binance's exports, header optional) that may have
 * holes. Each gapless run is parsed by the simulator's strict parser (so both read a row the same
 * way); a hole between runs is returned as a {@link SeriesGap}. Throws {@link CsvFormatError}
 * naming the file and the 1-based line on a non-numeric cell, a wrong column count, unsorted or
 * duplicated rows, a close time that does not fit the interval, or high < low.
 */
export function parseSeriesCsv(text: string, file: string, symbol: string, interval: Interval): LoadedSeries {
  const { segments, gaps } = splitAtGaps(text, file, INTERVAL_MS[interval]);
  const klines: Kline[] = [];
  for (const segment of segments) {
    let table;
    try {
      table = parseKlineCsv(segment.texts.join('\n'), file, symbol, interval);
    } catch (err) {
      if (err instanceof CsvFormatError && err.line > 0) throw remapLine(err, segment);
      throw err;
    }
    tableKlines(table).forEach((k, i) => {
      checkRow(k, file, segment.lines[i] as number);
      klines.push(k);
    });
  }
  return { symbol, interval, klines, gaps };
}

/** The strict parser numbers the segment's rows from 1; map back to the file's line. */
function remapLine(err: CsvFormatError, segment: Segment): CsvFormatError {
  const lineNo = segment.lines[err.line - 1] ?? err.line;
  const detail = err.message.slice(err.message.indexOf(': ') + 2);
  return new CsvFormatError(err.file, lineNo, detail);
}

/** Reads `path` (named `SYMBOL-INTERVAL.csv`) with {@link parseSeriesCsv}. */
export function readSeriesFile(path: string, symbol: string, interval: Interval): LoadedSeries {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CsvFormatError(path, 0, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseSeriesCsv(text, file, symbol, interval);
}
