import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  arrayOf, closedObject, describeProblem, integer, literal, map, number, object, oneOf, openObject, optional, plainObject, refine, string, union, withDefault,
  type Valid,
} from '../../../src/core/validate/index.js';

describe('combinators', () => {
  it('optional passes undefined, and only undefined, without checking it', () => {
    const v = optional(integer(1, 5));
    expect(v.check(undefined)).toEqual({ ok: true, value: undefined });
    expect(v.check(null).ok).toBe(false);
    expect(v.check(3)).toEqual({ ok: true, value: 3 });
    expectTypeOf<Valid<typeof v>>().toEqualTypeOf<number | undefined>();
  });

  it('withDefault gives its value for undefined only', () => {
    const v = withDefault(number(10, 1e9), 1000);
    expect([undefined, 50].map((x) => v.parse(x))).toEqual([1000, 50]);
    expect(v.check(5).ok).toBe(false);
    expectTypeOf<Valid<typeof v>>().toEqualTypeOf<number>();
  });

  it('withDefault gives a fresh copy of an array or object default each time', () => {
    const v = withDefault(arrayOf(string()), []);
    const first = v.parse(undefined);
    first.push('x');
    expect(v.parse(undefined)).toEqual([]);
  });

  it('literal and oneOf compare with ===, case and type included, and list the values in the problem', () => {
    expect(literal('all').check('all')).toEqual({ ok: true, value: 'all' });
    expect(literal('all').check('ALL').ok).toBe(false);
    const model = oneOf(['continuation', 'reversal']);
    expect(model.check('reversal').ok).toBe(true);
    expect(model.check('Reversal')).toEqual({ ok: false, problem: { path: [], allowed: 'continuation or reversal' } });
    expect(oneOf(['a', 'b', 'c']).check('d')).toEqual({ ok: false, problem: { path: [], allowed: 'a, b or c' } });
    expect(oneOf([1, 2]).check('1').ok, 'no coercion').toBe(false);
    expectTypeOf<Valid<typeof model>>().toEqualTypeOf<'continuation' | 'reversal'>();
  });

  it('union takes the first option that passes, else its own problem', () => {
    const limit = union([literal('all'), integer(1, 1000)], 'integer 1–1000, or all');
    expect(['all', 1, 1000].map((x) => limit.parse(x))).toEqual(['all', 1, 1000]);
    for (const bad of ['ALL', 0, 1001, 12.5, ' all']) expect(limit.check(bad), String(bad)).toEqual({ ok: false, problem: { path: [], allowed: 'integer 1–1000, or all' } });
    expectTypeOf<Valid<typeof limit>>().toEqualTypeOf<'all' | number>();
  });

  it('map turns a checked value; a refused one is not mapped', () => {
    const trimmed = map(string(), (s) => s.trim());
    expect(trimmed.parse('  a ')).toBe('a');
    expect(trimmed.check(5).ok).toBe(false);
  });

  it('refine runs its rules in order only once the value passed, reporting the first broken one at its path', () => {
    const window = refine(
      closedObject({ windowTrades: integer(1, 500), minTrades: integer(1, 500) }),
      { test: (c) => c.minTrades <= c.windowTrades, allowed: 'minTrades ≤ windowTrades', path: ['minTrades'] },
      { test: (c) => c.windowTrades !== 7, allowed: 'not 7' },
    );
    expect(window.parse({ windowTrades: 20, minTrades: 20 })).toEqual({ windowTrades: 20, minTrades: 20 });
    expect(window.check({ windowTrades: 20, minTrades: 21 })).toEqual({ ok: false, problem: { path: ['minTrades'], allowed: 'minTrades ≤ windowTrades' } });
    expect(window.check({ windowTrades: 7, minTrades: 1 })).toEqual({ ok: false, problem: { path: [], allowed: 'not 7' } });
    expect(window.check({ windowTrades: 0, minTrades: 30 }), 'the shape first').toEqual({ ok: false, problem: { path: ['windowTrades'], allowed: 'integer 1–500' } });
  });
});

describe('objects and arrays', () => {
  const shape = { a: integer(0, 9), b: optional(string()), c: withDefault(integer(0, 9), 5) };

  it('object checks the keys in the shape’s order and drops other keys', () => {
    const v = object(shape);
    const out = v.parse({ z: 1, b: 'x', a: 1 });
    expect(out).toEqual({ a: 1, b: 'x', c: 5 });
    expect(Object.keys(out), 'shape order, defaults filled, others dropped').toEqual(['a', 'b', 'c']);
    expect(Object.keys(v.parse({ a: 1 })), 'a left-out optional key stays out').toEqual(['a', 'c']);
    expect(v.check({ a: 10, b: 5 }), 'the first key in shape order').toEqual({ ok: false, problem: { path: ['a'], allowed: 'integer 0–9' } });
    expectTypeOf<Valid<typeof v>>().toEqualTypeOf<{ a: number; c: number; b?: string | undefined }>();
  });

  it('refuses null, arrays and other non-objects', () => {
    for (const input of [null, undefined, [], [1], 'x', 5]) expect(object(shape).check(input), JSON.stringify(input)).toEqual({ ok: false, problem: { path: [], allowed: 'an object' } });
  });

  it('openObject keeps other keys after the shape’s', () => {
    const out = openObject({ filterType: string() }).parse({ tickSize: '0.1', filterType: 'PRICE_FILTER' });
    expect(Object.entries(out)).toEqual([['filterType', 'PRICE_FILTER'], ['tickSize', '0.1']]);
  });

  it('closedObject refuses other keys after the shape’s own problems, naming them', () => {
    const v = closedObject(shape);
    expect(v.check({ a: 1, x: 1, y: 2 })).toEqual({ ok: false, problem: { path: [], allowed: 'only the keys a, b, c (not x, y)', unknownKeys: ['x', 'y'] } });
    expect(v.check({ a: 'bad', x: 1 }), 'a key problem comes first').toEqual({ ok: false, problem: { path: ['a'], allowed: 'integer 0–9' } });
  });

  it('arrayOf checks every item and reports the first bad one at its index, nested paths included', () => {
    const v = arrayOf(object({ symbol: string(), limits: arrayOf(number()) }));
    expect(v.parse([{ symbol: 'X', limits: [1] }])).toEqual([{ symbol: 'X', limits: [1] }]);
    const checked = v.check([{ symbol: 'X', limits: [] }, { symbol: 'Y', limits: [1, 'two'] }]);
    expect(checked).toEqual({ ok: false, problem: { path: [1, 'limits', 1], allowed: 'a number' } });
    expect(!checked.ok && describeProblem(checked.problem)).toBe('1.limits.1: expected a number');
    expect(v.check({}).ok).toBe(false);
  });

  it('plainObject takes any non-array object as a copy', () => {
    const input = { minLosses: 2 };
    const out = plainObject().parse(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    for (const bad of [null, [], 'x', 1]) expect(plainObject().check(bad).ok).toBe(false);
  });
});
