import { describe, expect, it } from 'vitest';
import { klinesWeight, ticker24hWeight } from '../../../src/streams/rest/endpointWeights.js';
import { requestWeight } from '../../../src/streams/rest/requestWeight.js';

describe('endpoint weights', () => {
  it('klines weight follows the limit brackets at their edges', () => {
    const cases: Array<[number, number]> = [[1, 1], [99, 1], [100, 2], [499, 2], [500, 5], [1000, 5], [1001, 10], [1500, 10]];
    for (const [limit, weight] of cases) expect(klinesWeight(limit), `limit ${limit}`).toBe(weight);
    expect(klinesWeight(), 'no limit means Binance default 500').toBe(5);
  });

  it('ticker/24hr costs 40 for the whole market and 1 for one symbol', () => {
    expect(ticker24hWeight(), 'all symbols').toBe(40);
    expect(ticker24hWeight('BTCUSDT'), 'one symbol').toBe(1);
  });

  it('requestWeight reads the path and the query the way the gate sees them', () => {
    expect(requestWeight('/fapi/v1/klines', { symbol: 'BTCUSDT', limit: 1200 }), 'klines 1200').toBe(10);
    expect(requestWeight('/fapi/v1/klines', { symbol: 'BTCUSDT', limit: undefined }), 'klines default').toBe(5);
    expect(requestWeight('/fapi/v1/ticker/24hr', {}), 'all tickers').toBe(40);
    expect(requestWeight('/fapi/v1/exchangeInfo', undefined), 'exchangeInfo').toBe(1);
    expect(requestWeight('/fapi/v1/time', {}), 'time').toBe(1);
  });
});
