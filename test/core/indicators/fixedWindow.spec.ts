import { describe, expect, it } from 'vitest';
import { FixedWindow } from '../../../src/core/indicators/fixedWindow.js';
import { Sma } from '../../../src/core/indicators/sma.js';

describe('FixedWindow.fromOldest', () => {
  it('reads the same values in the same order as toArray, before and after wrapping', () => {
    const w = new FixedWindow<number>(4);
    for (let v = 1; v <= 11; v += 1) {
      w.push(v * 1.5);
      const inPlace = Array.from({ length: w.length }, (_, i) => w.fromOldest(i));
      expect(inPlace, `after pushing ${v} values`).toEqual(w.toArray());
    }
    expect(w.fromOldest(-1), 'below the window').toBeUndefined();
    expect(w.fromOldest(w.length), 'past the newest').toBeUndefined();
  });

  it('lets Sma expose its window without a copy, oldest first', () => {
    const sma = new Sma(3);
    for (const v of [5, 7, 9, 11]) sma.add(v);
    expect(Array.from({ length: sma.length }, (_, i) => sma.valueFromOldest(i)), 'the last three values, oldest first').toEqual(sma.values());
  });
});
