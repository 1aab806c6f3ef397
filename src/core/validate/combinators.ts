import { invalid, valid, validator, type PathPart, type Valid, type Validator } from './validator.js';

/** `undefined` passes as `undefined`; anything else must pass `inner`. An object key of this validator may be left out. */
export function optional<T>(inner: Validator<T>): Validator<T | undefined> {
  return validator((input) => (input === undefined ? valid(undefined) : inner.check(input)));
}

/**
 * `undefined` becomes `value` (not checked; an array or object is copied each time, so one output
 * never shares it with another); anything else must pass `inner`.
 */
export function withDefault<T>(inner: Validator<T>, value: T): Validator<T> {
  const fresh = (): T => (Array.isArray(value) ? ([...value] as T) : typeof value === 'object' && value !== null ? { ...value } : value);
  return validator((input) => (input === undefined ? valid(fresh()) : inner.check(input)));
}

/** Exactly `value` (compared with `===`). */
export function literal<const L extends string | number | boolean>(value: L): Validator<L> {
  return validator((input) => (input === value ? valid(value) : invalid(JSON.stringify(value))));
}

/** One of `values` (compared with `===`); the problem lists them: `a or b`, `a, b or c`. */
export function oneOf<const L extends readonly (string | number)[]>(values: L): Validator<L[number]> {
  const allowed = values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${String(values[values.length - 1])}`;
  return validator((input) => (values.includes(input as L[number]) ? valid(input as L[number]) : invalid(allowed)));
}

/** The value of the first option the input passes; when none does, a problem saying `allowed`. */
export function union<const V extends readonly Validator<unknown>[]>(options: V, allowed: string): Validator<Valid<V[number]>> {
  return validator((input) => {
    for (const option of options) {
      const checked = option.check(input);
      if (checked.ok) return valid(checked.value as Valid<V[number]>);
    }
    return invalid(allowed);
  });
}

/** A checked value turned into another (`f` is not expected to fail). */
export function map<T, U>(inner: Validator<T>, f: (value: T) => U): Validator<U> {
  return validator((input) => {
    const checked = inner.check(input);
    return checked.ok ? valid(f(checked.value)) : checked;
  });
}

/** A condition over a whole checked value, and the problem reported when it does not hold. */
export interface Rule<T> {
  readonly test: (value: T) => boolean;
  readonly allowed: string;
  /** Where the problem is reported, e.g. the key of an object it is about; default the value itself. */
  readonly path?: readonly PathPart[];
}

/** `inner`, then each rule in order, only once `inner` passed; the first rule that fails is the problem. */
export function refine<T>(inner: Validator<T>, ...rules: readonly Rule<NoInfer<T>>[]): Validator<T> {
  return validator((input) => {
    const checked = inner.check(input);
    if (!checked.ok) return checked;
    const broken = rules.find((rule) => !rule.test(checked.value));
    return broken === undefined ? checked : invalid(broken.allowed, broken.path);
  });
}
