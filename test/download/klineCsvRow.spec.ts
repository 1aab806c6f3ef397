import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { klineCsvRow, KLINE_CSV_HEADER } from '../../src/download/klineCsvRow.js';
import { shortestDecimal } from '../../src/download/shortestDecimal.js';
import { parseKlineCsv, readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { DATA_DIR } from './helpers.js';

describe('klineCsvRow', () => {
  it('real candles written and read back are the same candles', () => {
    const truth = tableKlines(readKlineCsvFile(join(DATA_DIR, 'SOLUSDT-4h.csv')));
    const text = [KLINE_CSV_HEADER, ...truth.map(klineCsvRow)].join('\n');
    const back = tableKlines(parseKlineCsv(text, 'SOLUSDT-4h.csv', 'SOLUSDT', '4h'));
    expect(back, 'every row round-trips exactly').toEqual(truth);
  });

  it('the header is the one of the example files (Binance column order)', () => {
    const firstLine = readFileSync(join(DATA_DIR, 'BTCUSDT-1d.csv'), 'utf8').split('\n')[0];
    expect(KLINE_CSV_HEADER, 'same header as examples/klines').toBe(firstLine?.trim());
  });

  it('prices are the shortest decimal, taker columns and ignore are 0', () => {
    const row = klineCsvRow({
      symbol: 'X', interval: '30m', openTimeMs: 1_800_000, closeTimeMs: 3_599_999,
      open: 0.1 + 0.2, high: 93885, low: 1e-7, close: 2.5e21, volume: 12.5, quoteVolume: 0, trades: 7, closed: true,
    }).split(',');
    expect(row[1], '0.1+0.2 keeps all digits it needs to read back').toBe(String(0.1 + 0.2));
    expect(row[2], 'no trailing .0').toBe('93885');
    expect(row.slice(9), 'taker buy volume, taker buy quote volume, ignore').toEqual(['0', '0', '0']);
    expect(row.every((cell) => !/e/i.test(cell)), 'never exponent notation').toBe(true);
  });
});

describe('shortestDecimal', () => {
  it('reads back to the same number, in positional notation', () => {
    for (const n of [1e-7, 1.2345e-9, -3.5e-8, 2.5e21, 1.7976931348623157e308, 123.456, 0, 5e-324]) {
      const text = shortestDecimal(n);
      expect(Number(text), `${n} round-trips`).toBe(n);
      expect(text, `${n} has no exponent`).toMatch(/^-?\d+(\.\d+)?$/);
    }
  });
});
