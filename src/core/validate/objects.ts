import { invalid, under, valid, validator, type Checked, type Valid, type Validator } from './validator.js';

/** Validators of JSON arrays and objects. Each builds a new array or object of the checked values. */

/** An array whose every item passes `item`; a problem is reported at the item's index. */
export function arrayOf<T>(item: Validator<T>): Validator<T[]> {
  return validator((input) => {
    if (!Array.isArray(input)) return invalid('an array');
    const out: T[] = [];
    for (let index = 0; index < input.length; index++) {
      const checked = item.check(input[index]);
      if (!checked.ok) return under(index, checked.problem);
      out.push(checked.value);
    }
    return valid(out);
  });
}

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/** Any object that is not an array (its values unchecked), copied. */
export function plainObject(): Validator<Record<string, unknown>> {
  return validator((input) => (isObject(input) ? valid({ ...input }) : invalid('an object')));
}

/** The validators of an object's keys. */
export type Shape = Readonly<Record<string, Validator<unknown>>>;

/** An object of a shape: a key whose validator passes `undefined` (see `optional`) may be left out. */
export type ObjectOf<S extends Shape> = Flatten<
  { -readonly [K in keyof S as undefined extends Valid<S[K]> ? never : K]: Valid<S[K]> } & {
    -readonly [K in keyof S as undefined extends Valid<S[K]> ? K : never]?: Valid<S[K]>;
  }
>;
type Flatten<T> = { [K in keyof T]: T[K] };

/** What an object does with keys its shape does not name. */
type OtherKeys = 'drop' | 'keep' | 'refuse';

/**
 * Checks the shape's keys in the shape's order, then the other keys. The output has the shape's
 * keys in that order (a key left out of the input stays out unless its validator gives a value,
 * as a default does), then the kept other keys.
 */
function objectChecker<S extends Shape>(shape: S, otherKeys: OtherKeys): (input: unknown) => Checked<Record<string, unknown>> {
  const keys = Object.keys(shape);
  const known = new Set(keys);
  const allowed = `only the keys ${keys.join(', ')}`;
  return (input) => {
    if (!isObject(input)) return invalid('an object');
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const checked = shape[key]!.check(input[key]);
      if (!checked.ok) return under(key, checked.problem);
      if (checked.value !== undefined || key in input) out[key] = checked.value;
    }
    if (otherKeys === 'drop') return valid(out);
    const others = Object.keys(input).filter((key) => !known.has(key));
    if (others.length > 0 && otherKeys === 'refuse') return invalid(`${allowed} (not ${others.join(', ')})`, [], others);
    for (const key of others) out[key] = input[key];
    return valid(out);
  };
}

/** An object of `shape`; other keys are dropped from the output. */
export function object<S extends Shape>(shape: S): Validator<ObjectOf<S>> {
  return validator(objectChecker(shape, 'drop') as (input: unknown) => Checked<ObjectOf<S>>);
}

/** An object of `shape`; other keys are kept as they are. */
export function openObject<S extends Shape>(shape: S): Validator<ObjectOf<S> & Record<string, unknown>> {
  return validator(objectChecker(shape, 'keep') as (input: unknown) => Checked<ObjectOf<S> & Record<string, unknown>>);
}

/** An object of `shape` and no other key: another key is a problem listing the allowed keys (in `unknownKeys`, the others). */
export function closedObject<S extends Shape>(shape: S): Validator<ObjectOf<S>> {
  return validator(objectChecker(shape, 'refuse') as (input: unknown) => Checked<ObjectOf<S>>);
}
