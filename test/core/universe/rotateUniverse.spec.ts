import { describe, expect, it } from 'vitest';
import { rotateUniverse, type RotationInput } from '../../../src/core/universe/rotateUniverse.js';

const pool = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const base: RotationInput = { pool, fixed: ['B'], pinned: [], maxSymbols: 3, cursor: 0 };

describe('rotateUniverse', () => {
  it('fills the free slots after the cursor, passing over fixed symbols without using a slot', () => {
    const first = rotateUniverse(base);
    expect(first.symbols, 'B is fixed, A and C fill the two free slots').toEqual(['A', 'B', 'C']);
    expect(first.nextCursor, 'next slot starts after C').toBe(3);
    expect(rotateUniverse({ ...base, cursor: first.nextCursor }).symbols, 'second slot').toEqual(['B', 'D', 'E']);
  });

  it('wraps around and gives every pool symbol its turn', () => {
    const seen = new Set<string>();
    let cursor = 0;
    for (let slot = 0; slot < 3; slot += 1) {
      const result = rotateUniverse({ ...base, cursor });
      expect(result.symbols.length, `slot ${slot} is full`).toBe(3);
      result.symbols.forEach((s) => seen.add(s));
      cursor = result.nextCursor;
    }
    expect([...seen].sort(), 'all of the pool within ⌈6/2⌉ slots').toEqual(pool);
    expect(rotateUniverse({ ...base, cursor: 6 }).symbols, 'G then wrap to A').toEqual(['A', 'B', 'G']);
  });

  it('keeps pinned symbols even beyond the maximum and shrinks the free slots for them', () => {
    expect(rotateUniverse({ ...base, pinned: ['E'] }).symbols, 'one free slot left').toEqual(['A', 'B', 'E']);
    expect(rotateUniverse({ ...base, pinned: ['Z', 'Y', 'X'] }).symbols, 'over the maximum, no rotation').toEqual(['B', 'X', 'Y', 'Z']);
  });

  it('leaves out excluded symbols, fixed ones included, and returns a sorted set without repeats', () => {
    const result = rotateUniverse({ ...base, pool: ['C', 'C', 'A', 'D'], fixed: ['B', 'D'], excluded: new Set(['B', 'C']), maxSymbols: 3 });
    expect(result.symbols, 'B and C invalid, D fixed, A rotates in').toEqual(['A', 'D']);
  });

  it('leaves out halted symbols (they stopped trading), fixed and pinned ones too, and gives their slots to others', () => {
    const result = rotateUniverse({ ...base, fixed: ['B'], pinned: ['E'], halted: new Set(['B', 'E', 'A']) });
    expect(result.symbols, 'B (fixed) and E (pinned) stopped trading; A too; C, D, F fill the three slots').toEqual(['C', 'D', 'F']);
  });

  it('handles an empty pool and a cursor past the end', () => {
    expect(rotateUniverse({ ...base, pool: [] }), 'fixed only').toEqual({ symbols: ['B'], nextCursor: 0 });
    expect(rotateUniverse({ ...base, cursor: 7 + 3 }).symbols, 'cursor taken modulo the pool').toEqual(['B', 'D', 'E']);
  });
});
