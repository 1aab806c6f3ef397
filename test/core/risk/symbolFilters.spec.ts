import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/domain/errors.js';
import {
  BACKTEST_DEFAULT_FILTERS,
  filtersLookup,
  parseSymbolFilters,
} from '../../../src/core/risk/symbolFilters.js';

/** BTCUSDT as USDⓈ-M exchangeInfo lists it (strings, extra filters and fields included). */
const btcEntry = {
  symbol: 'BTCUSDT',
  pair: 'BTCUSDT',
  contractType: 'PERPETUAL',
  status: 'TRADING',
  filters: [
    { filterType: 'PRICE_FILTER', minPrice: '556.80', maxPrice: '4529764', tickSize: '0.10' },
    { filterType: 'LOT_SIZE', stepSize: '0.001', maxQty: '1000', minQty: '0.001' },
    { filterType: 'MARKET_LOT_SIZE', stepSize: '0.001', maxQty: '120', minQty: '0.001' },
    { filterType: 'MAX_NUM_ORDERS', limit: 200 },
    { filterType: 'MIN_NOTIONAL', notional: '100' },
    { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
  ],
};

describe('parseSymbolFilters', () => {
  it('reads tick, step, minQty and the futures `notional` field', () => {
    expect(parseSymbolFilters(btcEntry), 'BTCUSDT filters as numbers').toEqual({
      tickSize: 0.1,
      stepSize: 0.001,
      minQty: 0.001,
      minNotional: 100,
    });
  });

  it('accepts the spot field name `minNotional` and a missing MIN_NOTIONAL', () => {
    const spotStyle = {
      ...btcEntry,
      filters: [...btcEntry.filters.slice(0, 2), { filterType: 'MIN_NOTIONAL', minNotional: '5.00000000' }],
    };
    expect(parseSymbolFilters(spotStyle).minNotional, 'spot naming').toBe(5);
    expect(parseSymbolFilters({ ...btcEntry, filters: btcEntry.filters.slice(0, 2) }).minNotional, 'no minimum').toBe(0);
  });

  it('rejects an entry without LOT_SIZE or with a non-numeric size as DataError(shape)', () => {
    const noLot = { ...btcEntry, filters: [btcEntry.filters[0]] };
    expect(() => parseSymbolFilters(noLot), 'LOT_SIZE is required').toThrow(DataError);
    const badTick = { ...btcEntry, filters: [{ filterType: 'PRICE_FILTER', tickSize: 'abc' }, btcEntry.filters[1]] };
    expect(() => parseSymbolFilters(badTick), 'tickSize must be a decimal').toThrow(/PRICE_FILTER/);
    expect(() => parseSymbolFilters({ symbol: 'X' }), 'filters array is required').toThrow(DataError);
  });

  it('names the filter and the field of a malformed entry in one line', () => {
    const badTick = { ...btcEntry, filters: [{ filterType: 'PRICE_FILTER', tickSize: '-0.1' }, btcEntry.filters[1]] };
    expect(() => parseSymbolFilters(badTick)).toThrow(/^BTCUSDT PRICE_FILTER: tickSize: expected a decimal ≥ 0, as text or a number$/);
    expect(() => parseSymbolFilters({ symbol: 'X', filters: [{ filterType: 7 }] })).toThrow(/^exchangeInfo symbol: filters\.0\.filterType: expected a string$/);
  });
});

describe('filtersLookup', () => {
  it('falls back to the documented backtest defaults for unknown symbols', () => {
    const lookup = filtersLookup(new Map([['BTCUSDT', parseSymbolFilters(btcEntry)]]));
    expect(lookup('BTCUSDT').minNotional, 'known symbol uses its filters').toBe(100);
    expect(lookup('ETHUSDT'), 'unknown symbol: no grid, no minimums').toEqual(BACKTEST_DEFAULT_FILTERS);
    expect(BACKTEST_DEFAULT_FILTERS, 'defaults disable every constraint').toEqual({
      tickSize: 0,
      stepSize: 0,
      minQty: 0,
      minNotional: 0,
    });
  });
});
