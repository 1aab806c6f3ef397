import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSeriesCsv, readSeriesFile } from '../../src/csv/seriesCsv.js';
import { loadBacktestData } from '../../src/backtest/loadData.js';
import { CsvFormatError, readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { EXAMPLES_DIR, tempOut, removeTempDirs } from '../backtest/support/backtestCli.js';

afterAll(removeTempDirs);

const FILE = 'ETHUSDT-4h.csv';
const text = readFileSync(join(EXAMPLES_DIR, FILE), 'utf8');
const lines = text.trimEnd().split('\n');
const truth = tableKlines(readKlineCsvFile(join(EXAMPLES_DIR, FILE)));
const FOUR_HOURS = 14_400_000;

const parse = (rows: readonly string[]) => parseSeriesCsv(rows.join('\n'), FILE, 'ETHUSDT', '4h');

/** The error a bad text throws, to assert its file and line. */
function failure(rows: readonly string[]): CsvFormatError {
  try {
    parse(rows);
  } catch (err) {
    if (err instanceof CsvFormatError) return err;
    throw err;
  }
  throw new Error('expected a CsvFormatError');
}

describe('parseSeriesCsv', () => {
  it('reads a gapless file exactly as the simulator\'s strict parser does, header or not', () => {
    expect(parse(lines), 'with header').toEqual({ symbol: 'ETHUSDT', interval: '4h', klines: truth, gaps: [] });
    expect(parse(lines.slice(1)).klines, 'without header').toEqual(truth);
  });

  it('reports each hole (file, from, to, count) and keeps only the real rows around it', () => {
    // lines[i] is row i − 1: drop rows 100–102 and row 200.
    const holed = [...lines.slice(0, 101), ...lines.slice(104, 201), ...lines.slice(202)];
    const out = parse(holed);
    expect(out.gaps, 'two holes').toEqual([
      { file: FILE, fromMs: truth[100]!.openTimeMs, toMs: truth[103]!.openTimeMs, count: 3 },
      { file: FILE, fromMs: truth[200]!.openTimeMs, toMs: truth[201]!.openTimeMs, count: 1 },
    ]);
    expect(out.klines, 'nothing invented').toEqual([...truth.slice(0, 100), ...truth.slice(103, 200), ...truth.slice(201)]);
    expect(truth[103]!.openTimeMs - truth[100]!.openTimeMs, 'the hole is three 4h candles wide').toBe(3 * FOUR_HOURS);
  });

  it('names the file and the 1-based line of a bad row, also after a gap', () => {
    const swap = (l: string) => l.replace(/^(\d+),([^,]+),([^,]+),([^,]+)/, '$1,$2,$4,$3');
    const cases: Array<[string, string[], number, RegExp]> = [
      ['non-numeric', lines.map((l, i) => (i === 10 ? l.replace(/,[^,]+,/, ',abc,') : l)), 11, /column 2 is not a number/],
      ['unsorted', lines.map((l, i) => (i === 20 ? lines[19]! : l)), 21, /not sorted/],
      ['high < low', lines.map((l, i) => (i === 30 ? swap(l) : l)), 31, /high .* below low/],
      ['short row after a gap', [...lines.slice(0, 50), ...lines.slice(52)].map((l, i) => (i === 55 ? l.split(',').slice(0, 5).join(',') : l)), 56, /expected 12 columns/],
      ['off the interval grid', lines.map((l, i) => (i === 40 ? l.replace(/^(\d+)/, (t) => String(Number(t) + 60_000)) : l)), 41, /off the .* grid/],
    ];
    for (const [why, rows, line, detail] of cases) {
      const err = failure(rows);
      expect({ file: err.file, line: err.line }, why).toEqual({ file: FILE, line });
      expect(err.message, why).toMatch(detail);
      expect(err.message, `${why}: the message starts with file:line`).toMatch(new RegExp(`^${FILE}:${line}: `));
    }
  });
});

describe('loading a data folder', () => {
  it('a missing file is an error naming it', () => {
    expect(() => readSeriesFile(join(EXAMPLES_DIR, 'NOPEUSDT-30m.csv'), 'NOPEUSDT', '30m'), 'unreadable file').toThrow(/NOPEUSDT-30m\.csv/);
    expect(() => loadBacktestData(EXAMPLES_DIR, ['NOPEUSDT']), 'a symbol without a 30m file').toThrow(/NOPEUSDT-30m\.csv: missing/);
    expect(() => loadBacktestData(tempOut()), 'an empty folder').toThrow(/no SYMBOL-30m\.csv/);
  });

  it('finds every symbol with a 30m file, and uses the 4h and 1d files when present', () => {
    const data = loadBacktestData(EXAMPLES_DIR);
    expect(data.symbols.map((s) => s.symbol), 'sorted symbols').toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(data.symbols.map((s) => s.aggregated), 'nothing aggregated').toEqual([[], [], []]);
    expect(data.symbols[1]!.series['4h'], 'the 4h file itself').toEqual(truth);
  });
});
