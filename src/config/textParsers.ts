import { invalid, valid, validator, type Validator } from '../core/validate/index.js';

/**
 * Validators of environment values: each takes the text of a variable (trimmed and non-empty:
 * parseConfig turns a blank value into the default) and gives its typed value. Their problem
 * words are not shown: a refused variable's error gives the variable's own allowed range.
 */

/** The number JavaScript's `Number()` reads in non-blank text (`1e3`, `0x10` included), if finite. */
function numberOf(input: unknown): number | undefined {
  if (typeof input !== 'string' || input.trim() === '') return undefined;
  const value = Number(input);
  return Number.isFinite(value) ? value : undefined;
}

/** A number from `min` to `max`, both included: `numberText(0.1, 5)` takes `"0.1"`, `"5"`, `"1e0"`; not `"abc"`, `"NaN"`, `"Infinity"`, blank text. */
export function numberText(min: number, max: number): Validator<number> {
  return validator((input) => {
    const value = numberOf(input);
    return value !== undefined && value >= min && value <= max ? valid(value) : invalid(`${min}–${max}`);
  });
}

/** A whole number from `min` to `max`, both included: `integerText(1, 20)` takes `"1"`, `"20"`, `"2.0"`; not `"2.5"`, `"21"`, blank text. */
export function integerText(min: number, max: number): Validator<number> {
  return validator((input) => {
    const value = numberOf(input);
    return value !== undefined && Number.isSafeInteger(value) && value >= min && value <= max ? valid(value) : invalid(`integer ${min}–${max}`);
  });
}

const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, 1: true, false: false, 0: false };

/** `true` or `1` → true, `false` or `0` → false; nothing else (`TRUE`, `yes`) passes. */
export const booleanText: Validator<boolean> = validator((input) => {
  const value = typeof input === 'string' && Object.hasOwn(BOOLEANS, input) ? BOOLEANS[input] : undefined;
  return value === undefined ? invalid('true or false') : valid(value);
});

/** An absolute URL whose protocol is one of `protocols` (`'https:'`, with the colon), kept as written. */
export function urlText(protocols: readonly string[]): Validator<string> {
  return validator((input) => {
    if (typeof input === 'string' && URL.canParse(input) && protocols.includes(new URL(input).protocol)) return valid(input);
    return invalid(`a URL of ${protocols.join(' or ')}`);
  });
}

export interface CommaListOptions {
  /** Each item upper-cased (after trimming) before it is matched. */
  readonly upperCase?: boolean;
  /** Blank text is refused instead of read as the empty list. */
  readonly nonEmpty?: boolean;
}

/**
 * Comma-separated items, each trimmed and matching `item` (give it `^…$`): `"1, -2"` → `['1', '-2']`.
 * Blank text is the empty list unless `nonEmpty`; an empty item (`"a,,b"`, `"a,"`) is checked like any other.
 */
export function commaList(item: RegExp, options: CommaListOptions = {}): Validator<string[]> {
  const allowed = `comma-separated items matching ${String(item)}`;
  return validator((input) => {
    if (typeof input !== 'string') return invalid(allowed);
    if (input.trim() === '') return options.nonEmpty === true ? invalid(allowed) : valid([]);
    const items = input.split(',').map((part) => (options.upperCase === true ? part.trim().toUpperCase() : part.trim()));
    return items.every((part) => item.test(part)) ? valid(items) : invalid(allowed);
  });
}
