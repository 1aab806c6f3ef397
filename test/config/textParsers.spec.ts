import { describe, expect, it } from 'vitest';
import type { Validator } from '../../src/core/validate/index.js';
import { booleanText, commaList, integerText, numberText, urlText } from '../../src/config/textParsers.js';

/** The value a parser gives, or `'refused'`. */
function read<T>(v: Validator<T>, text: string): T | 'refused' {
  const checked = v.check(text);
  return checked.ok ? checked.value : 'refused';
}

describe('numberText(min, max)', () => {
  const risk = numberText(0.1, 5);

  it('includes both bounds', () => {
    expect(['0.1', '5', '5.0', '1e0', '2.5'].map((t) => read(risk, t))).toEqual([0.1, 5, 5, 1, 2.5]);
  });

  it('refuses just outside, NaN, Infinity, words, empty and blank text', () => {
    for (const text of ['0.09', '5.0001', '-1', 'NaN', 'Infinity', 'abc', '', ' ', '1 000', '1_000', '1,5']) expect(read(risk, text), text).toBe('refused');
  });

  it('reads as Number() does: surrounding whitespace, exponents and hex pass', () => {
    expect([' 2 ', '+3', '.5', '5.', '0x2', '1e-1'].map((t) => read(risk, t))).toEqual([2, 3, 0.5, 5, 2, 0.1]);
  });
});

describe('integerText(min, max)', () => {
  const perDay = integerText(1, 20);

  it('includes both bounds and reads 2.0 as 2', () => {
    expect(['1', '20', '2.0', '020'].map((t) => read(perDay, t))).toEqual([1, 20, 2, 20]);
  });

  it('refuses non-integers, out of range, NaN, empty and blank text', () => {
    for (const text of ['2.5', '0', '21', '-1', 'NaN', 'Infinity', '', '  ', 'all', 'x']) expect(read(perDay, text), text).toBe('refused');
  });

  it('takes 0 when the range does (HTTP_PORT 0 disables the server)', () => {
    expect(['0', '65535', '-0'].map((t) => read(integerText(0, 65_535), t))).toEqual([0, 65_535, -0]);
    expect(read(integerText(0, 65_535), '65536')).toBe('refused');
  });
});

describe('booleanText', () => {
  it('takes true/1 and false/0, nothing else', () => {
    expect(['true', '1', 'false', '0'].map((t) => read(booleanText, t))).toEqual([true, true, false, false]);
    for (const text of ['TRUE', 'True', 'yes', 'no', 'on', '', ' ', '01', 'toString', 'constructor']) expect(read(booleanText, text), text).toBe('refused');
  });
});

describe('urlText(protocols)', () => {
  it('takes an absolute URL of an allowed protocol as written', () => {
    const rest = urlText(['http:', 'https:']);
    expect(read(rest, 'https://fapi.binance.com')).toBe('https://fapi.binance.com');
    expect(read(rest, 'http://127.0.0.1:9')).toBe('http://127.0.0.1:9');
    for (const text of ['ws://x', 'ftp://x', 'fapi.binance.com', '/relative', '', ' ', 'https//x']) expect(read(rest, text), text).toBe('refused');
    expect(read(urlText(['ws:', 'wss:']), 'wss://fstream.binance.com/market')).toBe('wss://fstream.binance.com/market');
  });
});

describe('commaList(item, options)', () => {
  const symbols = commaList(/^[A-Z0-9]{2,20}$/, { upperCase: true, nonEmpty: true });
  const ids = commaList(/^-?\d{1,20}$/);

  it('trims (and upper-cases) each item', () => {
    expect(read(symbols, ' btc, ethusdt ,SOL')).toEqual(['BTC', 'ETHUSDT', 'SOL']);
    expect(read(ids, '1, -2,3')).toEqual(['1', '-2', '3']);
  });

  it('refuses an empty item and an item that does not match', () => {
    for (const text of ['BTC,,ETH', 'BTC,', ',', 'BTC;ETH', 'B', 'BTC-USDT']) expect(read(symbols, text), text).toBe('refused');
    for (const text of ['1,,2', '12,abc', '1.5', '123456789012345678901']) expect(read(ids, text), text).toBe('refused');
  });

  it('reads blank text as the empty list, unless nonEmpty', () => {
    expect(['', '  '].map((t) => read(ids, t))).toEqual([[], []]);
    expect(['', '  '].map((t) => read(symbols, t))).toEqual(['refused', 'refused']);
  });
});
