import { invalid, valid, validator, type Validator } from './validator.js';

/** Validators of single JSON values. Nothing is converted except by {@link numeric}. */

/** Any string. */
export function string(): Validator<string> {
  return validator((input) => (typeof input === 'string' ? valid(input) : invalid('a string')));
}

/** A string of `minLength` to `maxLength` UTF-16 units, both included. */
export function text(minLength: number, maxLength = Infinity): Validator<string> {
  const allowed = maxLength === Infinity ? (minLength === 1 ? 'a non-empty string' : `a string of at least ${minLength} characters`) : `a string of ${minLength}–${maxLength} characters`;
  return validator((input) =>
    typeof input === 'string' && input.length >= minLength && input.length <= maxLength ? valid(input) : invalid(allowed),
  );
}

/** A string `pattern` matches (give it `^…$` to match the whole); `allowed` words it for the problem. */
export function matching(pattern: RegExp, allowed = `a string matching ${String(pattern)}`): Validator<string> {
  return validator((input) => (typeof input === 'string' && pattern.test(input) ? valid(input) : invalid(allowed)));
}

function isFiniteNumber(input: unknown): input is number {
  return typeof input === 'number' && Number.isFinite(input);
}

/** A finite number from `min` to `max`, both included (NaN and ±Infinity never pass); no bounds: any finite number. */
export function number(min = -Infinity, max = Infinity): Validator<number> {
  const allowed = min === -Infinity && max === Infinity ? 'a number' : max === Infinity ? `a number ≥ ${min}` : min === -Infinity ? `a number ≤ ${max}` : `${min}–${max}`;
  return validator((input) => (isFiniteNumber(input) && input >= min && input <= max ? valid(input) : invalid(allowed)));
}

/** A finite number above `min` (excluded) and up to `max` (included): `numberAbove(0, 720)` for a positive duration. */
export function numberAbove(min: number, max: number): Validator<number> {
  const allowed = `above ${min}, up to ${max}`;
  return validator((input) => (isFiniteNumber(input) && input > min && input <= max ? valid(input) : invalid(allowed)));
}

/** A whole number from `min` to `max`, both included (1.5, NaN and ±Infinity never pass). */
export function integer(min: number, max: number): Validator<number> {
  const allowed = `integer ${min}–${max}`;
  return validator((input) => (Number.isSafeInteger(input) && (input as number) >= min && (input as number) <= max ? valid(input as number) : invalid(allowed)));
}

/**
 * Whatever JavaScript's `Number()` reads as a finite number: numbers, numeric strings (`"100.5"`,
 * `" 5 "`, `"0x10"`) and, as `Number()` reads them, `""`, `null` and `[]` (0) and booleans (0, 1).
 * For exchange fields sent as decimal strings.
 */
export function numeric(): Validator<number> {
  return validator((input) => {
    const value = typeof input === 'symbol' ? Number.NaN : Number(input);
    return Number.isFinite(value) ? valid(value) : invalid('a number or a numeric string');
  });
}
