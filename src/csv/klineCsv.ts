import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataError, INTERVAL_MS, isInterval, type Interval, type Kline } from '../domain/index.js';

/** A CSV file that is not a valid Binance kline export. Names the file and the 1-based line. */
export class CsvFormatError extends DataError {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super('csv', `${file}:${line}: ${detail}`);
  }
}

/**
 * One (symbol, interval) series from a Binance kline CSV, stored column-wise in typed arrays so
 * that ~70k rows per symbol cost little memory. Rows are sorted by open time with no gaps, so row
 * `i` opens at `openTimeMs[0] + i × interval`. The decimals are the most seen in the file: they
 * are the tick size and step size used to print prices and quantities back exactly.
 */
export interface KlineTable {
  readonly symbol: string;
  readonly interval: Interval;
  readonly length: number;
  readonly openTimeMs: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly quoteVolume: Float64Array;
  readonly trades: Float64Array;
  readonly takerBuyVolume: Float64Array;
  readonly takerBuyQuoteVolume: Float64Array;
  readonly priceDecimals: number;
  readonly quantityDecimals: number;
}

const COLUMNS = 12;
const FILE_NAME = /^([A-Z0-9_]+)-(\w+)\.csv$/;

function decimalsOf(token: string): number {
  const dot = token.indexOf('.');
  return dot < 0 ? 0 : token.length - dot - 1;
}

/**
 * Parses the text of one `SYMBOL-INTERVAL.csv` (Binance column order, header line optional).
 * Throws {@link CsvFormatError} on a wrong column count, a non-numeric cell, an unsorted or
 * duplicated row, a gap, or a close time that is not `open + interval − 1`.
 */
export function parseKlineCsv(text: string, file: string, symbol: string, interval: Interval): KlineTable {
  const lines = text.split(/\r?\n/);
  const stepMs = INTERVAL_MS[interval];
  const capacity = lines.length;
  const cols = Array.from({ length: 10 }, () => new Float64Array(capacity));
  const [openTimeMs, open, high, low, close, volume, quoteVolume, trades, takerBuyVolume, takerBuyQuoteVolume] = cols as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  let n = 0;
  let priceDecimals = 0;
  let quantityDecimals = 0;
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '') return;
    if (index === 0 && !/^\d/.test(line)) return; // header
    const cells = line.split(',');
    if (cells.length !== COLUMNS) throw new CsvFormatError(file, lineNo, `expected ${COLUMNS} columns, got ${cells.length}`);
    const values = cells.map((cell, c) => {
      const value = cell.trim() === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(value)) throw new CsvFormatError(file, lineNo, `column ${c + 1} is not a number: ${JSON.stringify(cell)}`);
      return value;
    });
    const [t, o, h, l, c, v, closeT, q, count, tbv, tbq] = values as [number, number, number, number, number, number, number, number, number, number, number];
    if (n > 0) {
      const previous = openTimeMs[n - 1] as number;
      if (t <= previous) throw new CsvFormatError(file, lineNo, `open time ${t} not after previous ${previous}`);
      if (t !== previous + stepMs) throw new CsvFormatError(file, lineNo, `gap: open time ${t}, expected ${previous + stepMs}`);
    }
    if (closeT !== t + stepMs - 1) throw new CsvFormatError(file, lineNo, `close time ${closeT}, expected ${t + stepMs - 1}`);
    for (const cell of cells.slice(1, 5)) priceDecimals = Math.max(priceDecimals, decimalsOf(cell));
    quantityDecimals = Math.max(quantityDecimals, decimalsOf(cells[5] as string));
    openTimeMs[n] = t; open[n] = o; high[n] = h; low[n] = l; close[n] = c; volume[n] = v;
    quoteVolume[n] = q; trades[n] = count; takerBuyVolume[n] = tbv; takerBuyQuoteVolume[n] = tbq;
    n += 1;
  });
  const cut = (a: Float64Array): Float64Array => a.slice(0, n);
  return {
    symbol, interval, length: n,
    openTimeMs: cut(openTimeMs), open: cut(open), high: cut(high), low: cut(low), close: cut(close),
    volume: cut(volume), quoteVolume: cut(quoteVolume), trades: cut(trades),
    takerBuyVolume: cut(takerBuyVolume), takerBuyQuoteVolume: cut(takerBuyQuoteVolume),
    priceDecimals, quantityDecimals,
  };
}

/** Reads one file named `SYMBOL-INTERVAL.csv`; symbol and interval come from the name. */
export function readKlineCsvFile(path: string): KlineTable {
  const name = basename(path);
  const match = FILE_NAME.exec(name);
  const interval = match?.[2];
  if (!match || !isInterval(interval)) throw new CsvFormatError(name, 0, 'file name must be SYMBOL-INTERVAL.csv with interval 1d, 4h or 30m');
  return parseKlineCsv(readFileSync(path, 'utf8'), name, match[1] as string, interval);
}

/** Every series of a data folder, keyed by `seriesKey` (`BTCUSDT@30m`). */
export type KlineDataset = ReadonlyMap<string, KlineTable>;

/** Loads every `SYMBOL-{1d,4h,30m}.csv` of a folder; other files are ignored. */
export function loadKlineFolder(dir: string): KlineDataset {
  const out = new Map<string, KlineTable>();
  for (const name of readdirSync(dir).sort()) {
    const match = FILE_NAME.exec(name);
    if (!match || !isInterval(match[2])) continue;
    const table = readKlineCsvFile(join(dir, name));
    out.set(`${table.symbol}@${table.interval}`, table);
  }
  return out;
}

/** Row `index` of a table as a closed domain {@link Kline}. */
export function tableKline(table: KlineTable, index: number): Kline {
  const t = table.openTimeMs[index] as number;
  return {
    symbol: table.symbol, interval: table.interval,
    openTimeMs: t, closeTimeMs: t + INTERVAL_MS[table.interval] - 1,
    open: table.open[index] as number, high: table.high[index] as number,
    low: table.low[index] as number, close: table.close[index] as number,
    volume: table.volume[index] as number, quoteVolume: table.quoteVolume[index] as number,
    trades: table.trades[index] as number, closed: true,
  };
}

/** The whole table (or rows `[from, to)`) as closed klines, oldest first: what a replay or a test compares against. */
export function tableKlines(table: KlineTable, from = 0, to = table.length): Kline[] {
  const out: Kline[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, table.length); i += 1) out.push(tableKline(table, i));
  return out;
}
