/**
 * Rounding onto exchange grids (tick sizes, lot steps) without binary floating-point artefacts.
 *
 * A step such as 0.001 has no exact binary form, so `Math.floor(q / 0.001) * 0.001` can give
 * 0.011000000000000001 or drop a whole step (0.3 / 0.1 = 2.9999999999999996). Here the value is
 * counted in integer step units at the step's own decimal scale and the result is built as
 * `integer / 10^decimals`, which is the same double as the decimal literal (e.g. exactly `0.011`).
 */

/**
 * Tolerance, in step units, under which a value just below a grid line counts as on it: values
 * that are a multiple of the step in decimal but land a hair below in binary are not cut a step.
 */
const GRID_SNAP_UNITS = 1e-9;

/** Decimal places of a step: 0.001 → 3, 0.5 → 1, 10 → 0, 1e-8 → 8. */
export function decimalPlaces(step: number): number {
  const [mantissa = '', exponentText] = String(step).split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const dot = mantissa.indexOf('.');
  const fractionDigits = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, fractionDigits - exponent);
}

function onGrid(value: number, step: number, whole: (units: number) => number): number {
  if (!(step > 0) || !Number.isFinite(value)) return value;
  const scale = 10 ** decimalPlaces(step);
  const stepUnits = Math.round(step * scale);
  const units = whole((value * scale) / stepUnits);
  return (units * stepUnits) / scale;
}

/**
 * Quantity rounded DOWN to a multiple of the lot step (an order may risk less, never more).
 * A step ≤ 0 means "no lot grid" and returns the value unchanged.
 */
export function roundDownToStep(quantity: number, stepSize: number): number {
  return onGrid(quantity, stepSize, (units) => Math.floor(units + GRID_SNAP_UNITS));
}

/**
 * Price rounded to the NEAREST multiple of the tick (half up). A tick ≤ 0 means "no price grid"
 * and returns the price unchanged.
 */
export function roundToTick(price: number, tickSize: number): number {
  return onGrid(price, tickSize, (units) => Math.round(units));
}
