import { describe, expect, it } from 'vitest';
import { trueRange, WilderAtr } from '../../../src/core/indicators/atr.js';
import { Bollinger, percentB } from '../../../src/core/indicators/bollinger.js';
import { CompensatedSum } from '../../../src/core/indicators/compensatedSum.js';
import { FixedWindow } from '../../../src/core/indicators/fixedWindow.js';
import { Sma } from '../../../src/core/indicators/sma.js';
import { loadKlines, relativeError } from './klineCsv.js';

describe('FixedWindow', () => {
  it('evicts the oldest and reads back from the newest', () => {
    const w = new FixedWindow<number>(3);
    expect(w.push(1), 'nothing evicted while filling').toBeUndefined();
    w.push(2);
    w.push(3);
    expect(w.isFull, 'full at capacity').toBe(true);
    expect(w.push(4), 'the oldest goes first').toBe(1);
    expect(w.toArray(), 'oldest first').toEqual([2, 3, 4]);
    expect(w.fromNewest(0), 'newest').toBe(4);
    expect(w.fromNewest(2), 'oldest kept').toBe(2);
    expect(w.fromNewest(3), 'beyond the window').toBeUndefined();
  });
});

describe('CompensatedSum', () => {
  it('keeps small values that a plain running sum loses next to a large one', () => {
    const s = new CompensatedSum();
    let plain = 0;
    for (const x of [1e16, 1, 1, 1, 1, -1e16]) {
      s.add(x);
      plain += x;
    }
    expect(s.value, 'compensated sum is exact').toBe(4);
    expect(plain, 'the plain sum really does drift here, so the test can fail').not.toBe(4);
  });
});

describe('Sma', () => {
  it('is undefined until period values and includes the newest', () => {
    const sma = new Sma(3);
    sma.add(1);
    sma.add(2);
    expect(sma.isStable, 'two of three values').toBe(false);
    expect(sma.value, 'no value before stable').toBeUndefined();
    sma.add(6);
    expect(sma.value, 'mean of 1, 2, 6').toBe(3);
    sma.add(10);
    expect(sma.value, 'mean of 2, 6, 10').toBe(6);
  });

  it('stays within 1e-9 of an exact window mean after 23k updates', () => {
    const klines = loadKlines('SOLUSDT', '30m');
    const sma = new Sma(20);
    const volumes: number[] = [];
    let worst = 0;
    klines.forEach((k, i) => {
      sma.add(k.volume);
      volumes.push(k.volume);
      if (i >= 19) {
        const exact = volumes.slice(i - 19, i + 1).reduce((a, b) => a + b, 0) / 20;
        worst = Math.max(worst, relativeError(sma.value as number, exact));
      }
    });
    expect(worst, 'no drift from the running sum').toBeLessThanOrEqual(1e-9);
  });
});

describe('Bollinger', () => {
  it('uses the population deviation and gives %B of the newest value', () => {
    const b = new Bollinger(4, 2);
    for (const x of [2, 4, 4, 6]) b.add(x);
    const v = b.value;
    // mean 4, population variance (4 + 0 + 0 + 4) / 4 = 2
    expect(v?.middle, 'middle is the SMA').toBe(4);
    expect(v?.deviation, 'divides by n, not n − 1').toBeCloseTo(Math.SQRT2, 15);
    expect(v?.upper, 'upper = middle + 2σ').toBeCloseTo(4 + 2 * Math.SQRT2, 14);
    expect(v?.percentB, '%B of 6').toBeCloseTo((6 - (4 - 2 * Math.SQRT2)) / (4 * Math.SQRT2), 14);
    b.add(4);
    expect(b.value?.middle, 'the next value recomputes the bands').toBe(4.5);
  });

  it('gives no %B on a flat window (zero width)', () => {
    const b = new Bollinger(3, 2);
    for (const x of [5, 5, 5]) b.add(x);
    expect(b.value?.upper, 'flat window: upper = lower').toBe(b.value?.lower);
    expect(b.value?.percentB, 'zero-width band has no %B').toBeUndefined();
    expect(percentB(5, { upper: 6, lower: 4 }), '%B helper').toBe(0.5);
  });
});

describe('WilderAtr', () => {
  it('true range uses the previous close gaps', () => {
    expect(trueRange({ high: 10, low: 9, close: 9.5 }, 12), 'gap down: |l − prevClose|').toBe(3);
    expect(trueRange({ high: 10, low: 9, close: 9.5 }, undefined), 'no previous close: h − l').toBe(1);
  });

  it('highLow mode: first ATR = mean of the first 14 TRs (first TR = h − l), then Wilder smoothing', () => {
    const klines = loadKlines('ETHUSDT', '1d');
    const atr = new WilderAtr(14, 'highLow');
    const trs: number[] = [];
    let reference: number | undefined;
    klines.forEach((k, i) => {
      atr.add(k);
      trs.push(trueRange(k, klines[i - 1]?.close));
      if (i === 13) reference = trs.reduce((a, b) => a + b, 0) / 14;
      else if (i > 13) reference = ((reference as number) * 13 + (trs[i] as number)) / 14;
      if (i < 13) expect(atr.value, `undefined at candle ${i + 1}`).toBeUndefined();
      else expect(relativeError(atr.value as number, reference as number), `ATR at ${i}`).toBeLessThanOrEqual(1e-12);
    });
  });
});
