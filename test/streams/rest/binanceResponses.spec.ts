import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/domain/errors.js';
import { parseExchangeInfo, parseServerTime, parseTickers, requestWeightPerMinute } from '../../../src/streams/rest/binanceResponses.js';

const btc = { symbol: 'BTCUSDT', pair: 'BTCUSDT', contractType: 'PERPETUAL', status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT', filters: [{ filterType: 'LOT_SIZE', stepSize: '0.001' }] };

function dataErrorOf(f: () => unknown): DataError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('no error');
}

describe('Binance response shapes', () => {
  it('exchangeInfo keeps the fields read (symbol fields, rate limits), filters whole, and defaults the lists', () => {
    const info = parseExchangeInfo({ timezone: 'UTC', rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 }], symbols: [btc] });
    expect(info.symbols).toEqual([{ symbol: 'BTCUSDT', contractType: 'PERPETUAL', status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT', filters: btc.filters }]);
    expect(requestWeightPerMinute(info)).toBe(2400);
    const bare = parseExchangeInfo({ symbols: [{ ...btc, filters: undefined }] });
    expect([bare.rateLimits, bare.symbols[0]!.filters]).toEqual([[], []]);
  });

  it('tickers read decimal strings as numbers and drop other fields', () => {
    expect(parseTickers([{ symbol: 'BTCUSDT', lastPrice: '100.5', priceChangePercent: '-1.2', quoteVolume: '123456', volume: '1' }])).toEqual([
      { symbol: 'BTCUSDT', lastPrice: 100.5, priceChangePercent: -1.2, quoteVolume: 123456 },
    ]);
  });

  it('a malformed body is a DataError(shape) naming the response and the field in one line', () => {
    const badLimit = dataErrorOf(() => parseExchangeInfo({ rateLimits: [{ rateLimitType: 'RAW', interval: 'MINUTE', intervalNum: 1, limit: '5' }], symbols: [] }));
    expect([badLimit.kind, badLimit.message]).toEqual(['shape', 'exchangeInfo: rateLimits.0.limit: expected a number']);
    expect(dataErrorOf(() => parseTickers([{ symbol: 'X', lastPrice: 'x', priceChangePercent: '0', quoteVolume: '0' }])).message).toBe('ticker/24hr: 0.lastPrice: expected a number or a numeric string');
    expect(dataErrorOf(() => parseServerTime({ serverTime: '5' })).message).toBe('time: serverTime: expected a number');
    expect(parseServerTime({ serverTime: 1_700_000_000_000 })).toBe(1_700_000_000_000);
  });
});
