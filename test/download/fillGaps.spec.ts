import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillGaps } from '../../src/download/fillGaps.js';
import { readKlineCsvFile, tableKlines } from '../../src/sim/csv.js';
import { DATA_DIR } from './helpers.js';

const truth = tableKlines(readKlineCsvFile(join(DATA_DIR, 'BTCUSDT-4h.csv'))).slice(0, 20);

describe('fillGaps', () => {
  it('leaves a gapless page as it is', () => {
    const out = fillGaps({ openTimeMs: truth[0]!.openTimeMs, close: truth[0]!.close }, truth.slice(1));
    expect(out, 'nothing filled').toEqual({ rows: truth.slice(1), filled: 0 });
  });

  it('fills a hole with flat zero-volume candles at the previous close', () => {
    const holed = [...truth.slice(0, 5), ...truth.slice(8)];
    const out = fillGaps(undefined, holed);
    expect(out.filled, 'three candles were missing').toBe(3);
    expect(out.rows.map((k) => k.openTimeMs), 'open times are gapless again').toEqual(truth.map((k) => k.openTimeMs));
    const price = truth[4]!.close;
    expect(out.rows[6], 'flat at the last real close').toMatchObject({ open: price, high: price, low: price, close: price, volume: 0, trades: 0, closed: true });
  });

  it('fills the hole between the file\'s last row and the first row of a page, never before the first row of a series', () => {
    const out = fillGaps({ openTimeMs: truth[0]!.openTimeMs, close: 1 }, truth.slice(3, 5));
    expect(out.filled, 'rows 1 and 2 made up').toBe(2);
    expect(fillGaps(undefined, truth.slice(3, 5)).filled, 'a new series starts where the exchange starts').toBe(0);
  });
});
