import { describe, expect, it } from 'vitest';
import { decimalPlaces, roundDownToStep, roundToTick } from '../../../src/core/risk/decimalSteps.js';

describe('decimalPlaces', () => {
  it('reads the scale of plain and exponent steps', () => {
    expect(decimalPlaces(0.001), 'BTC lot step').toBe(3);
    expect(decimalPlaces(0.5), 'half steps').toBe(1);
    expect(decimalPlaces(10), 'whole steps have no decimals').toBe(0);
    expect(decimalPlaces(1e-8), 'String(1e-8) is exponent notation').toBe(8);
    expect(decimalPlaces(2.5e-7), 'exponent with a mantissa fraction').toBe(8);
  });
});

describe('roundDownToStep', () => {
  it('gives the same double as the decimal literal (no 0.1 + 0.2 artefacts)', () => {
    expect(roundDownToStep(0.1 + 0.2, 0.1), '0.30000000000000004 floors to exactly 0.3').toBe(0.3);
    expect(roundDownToStep(0.3, 0.1), '0.3 / 0.1 is 2.999… in binary yet 0.3 is on the grid').toBe(0.3);
    expect(roundDownToStep(1.005, 0.001), '1.005 is 1.00499… in binary yet on the grid').toBe(1.005);
    expect(roundDownToStep(0.0119999, 0.001), 'truly below a step goes down').toBe(0.011);
    expect(roundDownToStep(0.0139, 0.001), 'floors, never rounds up').toBe(0.013);
  });

  it('floors onto coarse and fractional-multiple steps', () => {
    expect(roundDownToStep(1234.9, 10), 'step 10').toBe(1230);
    expect(roundDownToStep(7.74, 0.25), 'step 0.25').toBe(7.5);
    expect(roundDownToStep(0.000123456789, 1e-8), 'tiny exponent step').toBe(0.00012345);
  });

  it('leaves the value as it is without a step', () => {
    expect(roundDownToStep(0.0123456, 0), 'step 0 = no lot grid').toBe(0.0123456);
  });

  it('every result on a sweep is an exact decimal multiple of the step', () => {
    for (let i = 1; i <= 2000; i += 1) {
      const raw = i * 0.0137;
      const q = roundDownToStep(raw, 0.001);
      const thousandths = Math.round(q * 1000);
      expect(q, `${raw} → on the 0.001 grid as its literal`).toBe(Number((thousandths / 1000).toFixed(3)));
      expect(q <= raw + 1e-12 && raw - q < 0.001, `${raw} floored by less than a step`).toBe(true);
    }
  });
});

describe('roundToTick', () => {
  it('rounds prices to the nearest tick exactly', () => {
    expect(roundToTick(94363.64, 0.1), 'down to the nearest tenth').toBe(94363.6);
    expect(roundToTick(94363.66, 0.1), 'up to the nearest tenth').toBe(94363.7);
    expect(roundToTick(0.1 + 0.2, 0.01), 'binary noise removed').toBe(0.3);
    expect(roundToTick(2.3456, 0.0001), 'already on the grid').toBe(2.3456);
    expect(roundToTick(123.456, 0), 'tick 0 = no price grid').toBe(123.456);
  });
});
