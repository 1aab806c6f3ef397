import { describe, expect, it } from 'vitest';
import { wrapWords } from '../../../src/backtest/console/runsTable.js';

describe('wrapWords', () => {
  it('breaks at spaces within the width and keeps a long word whole', () => {
    expect(wrapWords('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrapWords('abcdefgh ij', 4)).toEqual(['abcdefgh', 'ij']);
  });

  it('never starts a line with a unit: a figure keeps its % or R', () => {
    expect(wrapWords('SOLUSDT -55.8 %.', 14)).toEqual(['SOLUSDT', '-55.8 %.']);
    expect(wrapWords('total +1.5 R, more', 9)).toEqual(['total', '+1.5 R,', 'more']);
    expect(wrapWords('a Risk b', 6)).toEqual(['a Risk', 'b']);
  });
});
