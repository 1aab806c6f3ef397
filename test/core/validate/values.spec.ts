import { describe, expect, it } from 'vitest';
import { integer, InvalidInput, matching, number, numberAbove, numeric, string, text, type Validator } from '../../../src/core/validate/index.js';

/** The value a validator gives, or `'refused'`. */
function read<T>(v: Validator<T>, input: unknown): T | 'refused' {
  const checked = v.check(input);
  return checked.ok ? checked.value : 'refused';
}

describe('number(min, max)', () => {
  const pct = number(0, 100);

  it('includes both bounds and refuses what is outside by any amount', () => {
    expect([0, 100, 55.5, -0].map((n) => read(pct, n))).toEqual([0, 100, 55.5, -0]);
    expect([-Number.EPSILON, 100.0000001, -1, 101].map((n) => read(pct, n))).toEqual(['refused', 'refused', 'refused', 'refused']);
  });

  it('refuses NaN, ±Infinity and anything that is not a number, numeric strings included', () => {
    for (const input of [Number.NaN, Infinity, -Infinity, '5', '', ' ', null, undefined, true, [5], {}]) expect(read(pct, input), String(input)).toBe('refused');
  });

  it('without bounds takes any finite number; its problem words the range', () => {
    expect(read(number(), -1e300)).toBe(-1e300);
    expect(read(number(), Infinity)).toBe('refused');
    expect(number().check('x')).toEqual({ ok: false, problem: { path: [], allowed: 'a number' } });
    expect(number(0).check(-1)).toEqual({ ok: false, problem: { path: [], allowed: 'a number ≥ 0' } });
    expect(pct.check(101)).toEqual({ ok: false, problem: { path: [], allowed: '0–100' } });
  });
});

describe('numberAbove(min, max)', () => {
  it('excludes the minimum, includes the maximum', () => {
    const hours = numberAbove(0, 720);
    expect([Number.MIN_VALUE, 0.5, 720].map((n) => read(hours, n))).toEqual([Number.MIN_VALUE, 0.5, 720]);
    expect([0, -0, -1, 720.5, Number.NaN, Infinity].map((n) => read(hours, n))).toEqual(Array(6).fill('refused'));
    expect(hours.check(0)).toEqual({ ok: false, problem: { path: [], allowed: 'above 0, up to 720' } });
  });
});

describe('integer(min, max)', () => {
  const losses = integer(1, 50);

  it('includes both bounds, refuses non-integers, NaN, ±Infinity and strings', () => {
    expect([1, 50, 2.0].map((n) => read(losses, n))).toEqual([1, 50, 2]);
    for (const input of [0, 51, 1.5, 49.999, Number.NaN, Infinity, '2', '', ' ', null]) expect(read(losses, input), String(input)).toBe('refused');
    expect(losses.check(0)).toEqual({ ok: false, problem: { path: [], allowed: 'integer 1–50' } });
  });

  it('refuses integers beyond the safe range even when the bounds would take them', () => {
    expect(read(integer(0, Infinity), 2 ** 53)).toBe('refused');
    expect(read(integer(0, Infinity), 2 ** 53 - 1)).toBe(2 ** 53 - 1);
  });
});

describe('numeric()', () => {
  it('reads numbers and numeric strings as Number() does', () => {
    expect(['100.5', '-1.2', ' 5 ', '1e3', '0x10', 7].map((x) => read(numeric(), x))).toEqual([100.5, -1.2, 5, 1000, 16, 7]);
  });

  it('keeps Number()’s readings of empty and null values (0) and refuses what is not finite', () => {
    expect(['', '  ', null, false, true, []].map((x) => read(numeric(), x))).toEqual([0, 0, 0, 0, 1, 0]);
    for (const input of ['abc', 'NaN', 'Infinity', undefined, {}, Number.NaN, Symbol('x')]) expect(read(numeric(), input), String(input)).toBe('refused');
  });
});

describe('string(), text(min, max), matching(pattern)', () => {
  it('string takes any string, the empty one included, and nothing else', () => {
    expect(['', ' ', 'x'].map((s) => read(string(), s))).toEqual(['', ' ', 'x']);
    for (const input of [5, null, undefined, ['x']]) expect(read(string(), input)).toBe('refused');
  });

  it('text counts characters with both bounds included and does not trim', () => {
    const name = text(1, 3);
    expect(['a', 'abc', ' ', '   '].map((s) => read(name, s))).toEqual(['a', 'abc', ' ', '   ']);
    expect(['', 'abcd', '    ', 3].map((s) => read(name, s))).toEqual(Array(4).fill('refused'));
    expect(text(1).check('')).toEqual({ ok: false, problem: { path: [], allowed: 'a non-empty string' } });
  });

  it('matching tests the pattern as given and words the problem with `allowed`', () => {
    const id = matching(/^[a-z]+$/, 'lower-case letters');
    expect(read(id, 'abc')).toBe('abc');
    expect(['', ' abc', 'ab1', 5].map((s) => read(id, s))).toEqual(Array(4).fill('refused'));
    expect(id.check('A')).toEqual({ ok: false, problem: { path: [], allowed: 'lower-case letters' } });
  });
});

describe('parse()', () => {
  it('gives the value or throws InvalidInput with the problem', () => {
    expect(integer(1, 5).parse(3)).toBe(3);
    expect(() => integer(1, 5).parse(6)).toThrow(InvalidInput);
    expect(() => integer(1, 5).parse(6)).toThrow('expected integer 1–5');
  });
});
