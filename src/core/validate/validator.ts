/**
 * The validators of configuration and exchange responses: small functions from an unknown input
 * to a typed value or the first problem found. The project's own, so that no schema library stays
 * loaded for the life of the process.
 */

/** A key or an index, from the top of the input. */
export type PathPart = string | number;

/** What is wrong with an input: where (keys and indexes from the top) and what is allowed there. */
export interface Problem {
  readonly path: readonly PathPart[];
  /** The allowed values in words, as an error message ends: `allowed integer 1–20`. */
  readonly allowed: string;
  /** Set when an object had keys it may not have: those keys. */
  readonly unknownKeys?: readonly string[];
}

/** The typed value, or the first problem. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

export interface Validator<T> {
  /** The typed value, or the first problem. */
  check(input: unknown): Checked<T>;
  /** The typed value; throws {@link InvalidInput} naming the first problem. */
  parse(input: unknown): T;
}

/** The type a validator gives. */
export type Valid<V> = V extends Validator<infer T> ? T : never;

/** A problem thrown by {@link Validator.parse}. */
export class InvalidInput extends Error {
  constructor(readonly problem: Problem) {
    super(describeProblem(problem));
    this.name = 'InvalidInput';
  }
}

/** `symbols.3.status: expected a string`, or without a path `expected a string`. */
export function describeProblem(problem: Problem): string {
  const expected = `expected ${problem.allowed}`;
  return problem.path.length === 0 ? expected : `${problem.path.join('.')}: ${expected}`;
}

/** A successful check. */
export function valid<T>(value: T): Checked<T> {
  return { ok: true, value };
}

/** A failed check at `path` (relative to the value being checked). */
export function invalid(allowed: string, path: readonly PathPart[] = [], unknownKeys?: readonly string[]): Checked<never> {
  return { ok: false, problem: unknownKeys === undefined ? { path, allowed } : { path, allowed, unknownKeys } };
}

/** A problem found under `key`, moved to the parent's path. */
export function under(key: PathPart, problem: Problem): Checked<never> {
  return { ok: false, problem: { ...problem, path: [key, ...problem.path] } };
}

/** A validator from its check; `parse` throws the check's problem. */
export function validator<T>(check: (input: unknown) => Checked<T>): Validator<T> {
  return {
    check,
    parse(input) {
      const checked = check(input);
      if (!checked.ok) throw new InvalidInput(checked.problem);
      return checked.value;
    },
  };
}
