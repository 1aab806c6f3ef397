import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, loadKlineFolder, parseKlineCsv, readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { DATA_DIR } from '../sim/helpers.js';

const HEADER = 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';
const row = (t: number, close = '1.5'): string => `${t},1.0,2.00,0.5,${close},10.123,${t + 1_799_999},15.2,7,5,7.5,0`;

function failure(text: string): CsvFormatError {
  try {
    parseKlineCsv(text, 'X-30m.csv', 'X', '30m');
  } catch (err) {
    if (err instanceof CsvFormatError) return err;
    throw err;
  }
  throw new Error('expected a CsvFormatError');
}

describe('parseKlineCsv', () => {
  it('reads rows with or without a header, keeping every column and the widest decimals', () => {
    const body = [row(0), row(1_800_000, '1.25')].join('\n');
    const withHeader = parseKlineCsv(`${HEADER}\n${body}\n`, 'X-30m.csv', 'X', '30m');
    const without = parseKlineCsv(body, 'X-30m.csv', 'X', '30m');
    expect(withHeader.length, 'two data rows').toBe(2);
    expect(tableKlines(without), 'header is optional').toEqual(tableKlines(withHeader));
    expect(tableKlines(withHeader)[1], 'second row as a closed kline').toEqual({
      symbol: 'X', interval: '30m', openTimeMs: 1_800_000, closeTimeMs: 3_599_999, open: 1, high: 2, low: 0.5, close: 1.25,
      volume: 10.123, quoteVolume: 15.2, trades: 7, closed: true,
    });
    expect(withHeader.takerBuyVolume[0], 'taker column kept').toBe(5);
    expect(withHeader.priceDecimals, 'widest price decimals (1.25)').toBe(2);
    expect(withHeader.quantityDecimals, 'volume decimals').toBe(3);
  });

  it('names the file and line of a row with the wrong column count', () => {
    const err = failure(`${HEADER}\n${row(0)}\n1,2,3`);
    expect([err.file, err.line], 'file and 1-based line').toEqual(['X-30m.csv', 3]);
    expect(err.message, 'message names both').toMatch(/^X-30m\.csv:3: expected 12 columns/);
  });

  it('rejects a non-numeric cell, naming the column', () => {
    const err = failure(`${row(0)}\n${row(1_800_000).replace('10.123', 'abc')}`);
    expect(err.line, 'second line').toBe(2);
    expect(err.message, 'names the column').toContain('column 6');
  });

  it('rejects unsorted rows and gaps', () => {
    expect(failure(`${row(1_800_000)}\n${row(0)}`).message, 'unsorted').toContain('not after previous');
    expect(failure(`${row(0)}\n${row(3_600_000)}`).message, 'gap of one candle').toContain('gap');
  });

  it('rejects a close time that is not open + interval − 1', () => {
    expect(failure('0,1,2,0.5,1.5,10,1800000,0,0,0,0,0').message, 'close time must be end − 1').toContain('close time');
  });
});

describe('reading files', () => {
  it('takes symbol and interval from the file name and loads the real example data', () => {
    const table = readKlineCsvFile(join(DATA_DIR, 'BTCUSDT-4h.csv'));
    expect([table.symbol, table.interval], 'from the name').toEqual(['BTCUSDT', '4h']);
    expect(table.openTimeMs[1]! - table.openTimeMs[0]!, 'rows 4 h apart').toBe(14_400_000);
    const folder = loadKlineFolder(DATA_DIR);
    expect([...folder.keys()].sort(), 'nine series').toEqual(
      ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].flatMap((s) => ['1d', '30m', '4h'].map((i) => `${s}@${i}`)).sort(),
    );
  });

  it('refuses a file name without a supported interval', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-csv-'));
    const path = join(dir, 'BTCUSDT-1m.csv');
    writeFileSync(path, row(0));
    expect(() => readKlineCsvFile(path), 'only 1d, 4h, 30m are simulated').toThrow(CsvFormatError);
    expect(loadKlineFolder(dir).size, 'the folder loader skips it').toBe(0);
  });
});
