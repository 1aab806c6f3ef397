import { describe, expect, it } from 'vitest';
import { CandleRing, DEFAULT_RING_CAPACITY } from '../../../src/core/candles/candleRing.js';
import type { Kline } from '../../../src/domain/kline.js';
import { exampleKlines } from './support/exampleKlines.js';

const btc30m = exampleKlines('BTCUSDT', '30m');

describe('CandleRing', () => {
  it('keeps every field of real candles, oldest first', () => {
    const ring = new CandleRing('BTCUSDT', '30m', 10);
    const input = btc30m.slice(0, 7);
    for (const k of input) ring.push(k);
    expect(ring.size, 'one slot per push below capacity').toBe(7);
    expect(ring.toArray(), 'round trip through typed arrays is exact').toEqual(input);
    expect(ring.at(0), 'at(0) is the oldest').toEqual(input[0]);
    expect(ring.fromEnd(0), 'fromEnd(0) is the newest').toEqual(input[6]);
    expect(ring.last(), 'last() is the newest').toEqual(input[6]);
    expect(ring.valueFromEnd('close', 1), 'column read without a Kline').toBe(input[5]!.close);
  });

  it('wraps around: after many pushes it holds exactly the last `capacity` candles in order', () => {
    const capacity = 13;
    const ring = new CandleRing('BTCUSDT', '30m', capacity);
    const input = btc30m.slice(0, 3 * capacity + 5);
    for (const k of input) ring.push(k);
    expect(ring.size, 'size stops at capacity').toBe(capacity);
    expect(ring.toArray(), 'the newest `capacity` candles, oldest first').toEqual(input.slice(-capacity));
    expect(ring.at(capacity - 1), 'at(size-1) equals fromEnd(0)').toEqual(ring.fromEnd(0));
    expect(ring.lastOpenTimeMs(), 'newest open time').toBe(input.at(-1)!.openTimeMs);
  });

  it('wraps correctly at every fill level', () => {
    const capacity = 5;
    const ring = new CandleRing('BTCUSDT', '30m', capacity);
    for (let n = 1; n <= 17; n++) {
      ring.push(btc30m[n - 1]!);
      const want = btc30m.slice(Math.max(0, n - capacity), n);
      expect(ring.toArray(), `after ${n} pushes`).toEqual(want);
    }
  });

  it('rejects indexes outside [0, size) and bad capacities', () => {
    const ring = new CandleRing('BTCUSDT', '30m', 4);
    expect(ring.last(), 'an empty ring has no newest').toBeUndefined();
    expect(ring.lastOpenTimeMs(), 'nor a newest open time').toBeUndefined();
    ring.push(btc30m[0]!);
    expect(() => ring.at(1), 'past the end').toThrow(RangeError);
    expect(() => ring.fromEnd(-1), 'negative').toThrow(RangeError);
    expect(() => new CandleRing('BTCUSDT', '30m', 0), 'capacity 0').toThrow(RangeError);
  });

  it('defaults to 500 candles, the window size of the architecture', () => {
    const ring = new CandleRing('ETHUSDT', '4h');
    for (const k of exampleKlines('ETHUSDT', '4h').slice(0, 600)) ring.push(k);
    expect(ring.capacity, 'default capacity').toBe(DEFAULT_RING_CAPACITY);
    expect(ring.size, 'holds the default capacity').toBe(500);
    expect(ring.at(0), 'oldest is the 101st pushed').toEqual(exampleKlines('ETHUSDT', '4h')[100]);
  });

  it('keeps a candle exactly when its close time is not open + interval − 1 or its trades exceed Uint32, until overwritten', () => {
    const ring = new CandleRing('BTCUSDT', '30m', 3);
    const [a, b, c, d] = btc30m.slice(0, 4) as [Kline, Kline, Kline, Kline];
    const oddClose = { ...a, closeTimeMs: a.closeTimeMs - 7 };
    const manyTrades = { ...b, trades: 2 ** 32 + 5 };
    for (const k of [oddClose, manyTrades, c]) ring.push(k);
    expect(ring.toArray(), 'irregular candles read back unchanged').toEqual([oddClose, manyTrades, c]);
    expect(ring.valueFromEnd('closeTimeMs', 2), 'column read of the odd close time').toBe(oddClose.closeTimeMs);
    expect(ring.valueFromEnd('trades', 1), 'column read of the large trade count').toBe(manyTrades.trades);
    ring.push(d);
    expect(ring.toArray(), 'the slot reused by a regular candle no longer reads the old exception').toEqual([manyTrades, c, d]);
    expect(ring.valueFromEnd('closeTimeMs', 0), 'derived close time of a regular candle').toBe(d.closeTimeMs);
  });
});
