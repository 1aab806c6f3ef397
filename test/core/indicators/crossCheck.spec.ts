import { ATR, BollingerBands, SMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { WilderAtr } from '../../../src/core/indicators/atr.js';
import { Bollinger } from '../../../src/core/indicators/bollinger.js';
import { Sma } from '../../../src/core/indicators/sma.js';
import { CSV_INTERVALS, loadKlines, relativeError, SYMBOLS } from './klineCsv.js';

const TOLERANCE = 1e-9;

/** Largest relative error over aligned series (ours padded with undefined until stable). */
function worst(ours: (number | undefined)[], theirs: number[], name: string): number {
  const offset = ours.length - theirs.length;
  expect(offset, `${name}: the library starts later, never earlier`).toBeGreaterThanOrEqual(0);
  expect(ours.slice(0, offset).every((v) => v === undefined), `${name}: undefined until stable`).toBe(true);
  let max = 0;
  theirs.forEach((t, i) => {
    const o = ours[i + offset];
    expect(o, `${name}: defined at ${i + offset}`).toBeTypeOf('number');
    max = Math.max(max, relativeError(o as number, t));
  });
  return max;
}

describe('indicators against technicalindicators on every row of examples/klines', () => {
  for (const symbol of SYMBOLS) {
    for (const interval of CSV_INTERVALS) {
      it(`${symbol} ${interval}: SMA20, SMA50, volume SMA20, Bollinger(20,2), ATR14`, () => {
        const klines = loadKlines(symbol, interval);
        expect(klines.length, 'the example data is all there').toBeGreaterThan(480);
        const closes = klines.map((k) => k.close);
        const volumes = klines.map((k) => k.volume);
        const sma20 = new Sma(20);
        const sma50 = new Sma(50);
        const volumeSma = new Sma(20);
        const bands = new Bollinger(20, 2);
        const atr = new WilderAtr(14, 'skip');
        const out = { sma20: [] as (number | undefined)[], sma50: [] as (number | undefined)[], vol: [] as (number | undefined)[],
          middle: [] as (number | undefined)[], upper: [] as (number | undefined)[], lower: [] as (number | undefined)[], atr: [] as (number | undefined)[] };
        const pbs: (number | undefined)[] = [];
        for (const k of klines) {
          sma20.add(k.close); sma50.add(k.close); volumeSma.add(k.volume); bands.add(k.close); atr.add(k);
          out.sma20.push(sma20.value); out.sma50.push(sma50.value); out.vol.push(volumeSma.value);
          out.middle.push(bands.value?.middle); out.upper.push(bands.value?.upper); out.lower.push(bands.value?.lower);
          pbs.push(bands.value?.percentB);
          out.atr.push(atr.value);
        }
        const lib20 = SMA.calculate({ period: 20, values: closes });
        const lib50 = SMA.calculate({ period: 50, values: closes });
        const libVol = SMA.calculate({ period: 20, values: volumes });
        const libBands = BollingerBands.calculate({ period: 20, stdDev: 2, values: closes });
        const libAtr = ATR.calculate({ period: 14, high: klines.map((k) => k.high), low: klines.map((k) => k.low), close: closes });

        expect(worst(out.sma20, lib20, 'sma20'), 'SMA20 matches').toBeLessThanOrEqual(TOLERANCE);
        expect(worst(out.sma50, lib50, 'sma50'), 'SMA50 matches').toBeLessThanOrEqual(TOLERANCE);
        expect(worst(out.vol, libVol, 'volume'), 'volume SMA20 matches').toBeLessThanOrEqual(TOLERANCE);
        expect(worst(out.middle, libBands.map((b) => b.middle), 'middle'), 'middle band matches').toBeLessThanOrEqual(TOLERANCE);
        expect(worst(out.upper, libBands.map((b) => b.upper), 'upper'), 'upper band matches').toBeLessThanOrEqual(TOLERANCE);
        expect(worst(out.lower, libBands.map((b) => b.lower), 'lower'), 'lower band matches').toBeLessThanOrEqual(TOLERANCE);
        expect(worst(out.atr, libAtr, 'atr'), 'Wilder ATR14 (skip mode) matches').toBeLessThanOrEqual(TOLERANCE);

        const offset = pbs.length - libBands.length;
        let pbChecked = 0;
        libBands.forEach((b, i) => {
          const ours = pbs[i + offset];
          if (b.upper - b.lower > 1e-9 * Math.abs(b.middle)) {
            pbChecked += 1;
            const width = b.upper - b.lower;
            expect(Math.abs((ours as number) - b.pb), `%B at ${i + offset} (scaled by width)`).toBeLessThanOrEqual(TOLERANCE * Math.max(1, Math.abs(b.middle) / width));
          } else if (b.upper === b.lower) {
            expect(ours, `zero-width band at ${i + offset} has no %B`).toBeUndefined();
          }
        });
        expect(pbChecked, '%B compared on most rows').toBeGreaterThan(libBands.length * 0.9);
      });
    }
  }
});
