import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findGaps } from '../../src/download/findGaps.js';
import { readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { DATA_DIR } from './helpers.js';

const truth = tableKlines(readKlineCsvFile(join(DATA_DIR, 'BTCUSDT-4h.csv'))).slice(0, 20);
const FOUR_HOURS = 4 * 3_600_000;

describe('findGaps', () => {
  it('finds nothing in a gapless page', () => {
    expect(findGaps({ openTimeMs: truth[0]!.openTimeMs, close: truth[0]!.close }, truth.slice(1)), 'no hole').toEqual([]);
  });

  it('names a hole inside a page by its first missing open time, the next real open time and its size', () => {
    const holed = [...truth.slice(0, 5), ...truth.slice(8)];
    expect(findGaps(undefined, holed), 'rows 5, 6 and 7 are missing').toEqual([
      { fromMs: truth[5]!.openTimeMs, toMs: truth[8]!.openTimeMs, count: 3 },
    ]);
    expect(truth[8]!.openTimeMs - truth[5]!.openTimeMs, 'three 4h candles apart').toBe(3 * FOUR_HOURS);
  });

  it('finds the hole between the file\'s last row and a page, never one before the first row of a series', () => {
    expect(findGaps({ openTimeMs: truth[0]!.openTimeMs, close: 1 }, truth.slice(3, 5)), 'rows 1 and 2 missing').toEqual([
      { fromMs: truth[1]!.openTimeMs, toMs: truth[3]!.openTimeMs, count: 2 },
    ]);
    expect(findGaps(undefined, truth.slice(3, 5)), 'a new series starts where the exchange starts').toEqual([]);
  });
});
