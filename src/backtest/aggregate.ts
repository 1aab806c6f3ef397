import { INTERVAL_MS, type Interval, type Kline } from '../domain/kline.js';

/**
 * Builds `interval` candles (4h or 1d) from 30m candles on UTC boundaries, the way Binance cuts
 * them: a bucket opens at a multiple of the interval since the epoch. Only complete buckets are
 * emitted (all 8 or 48 half-hours present), so a gap in the 30m data leaves a gap in the result
 * instead of a candle with a made-up range. open/close come from the first/last 30m candle,
 * high/low are the extremes, volume, quote volume and trades are sums in time order.
 */
export function aggregateKlines(klines30m: readonly Kline[], interval: Exclude<Interval, '30m'>): Kline[] {
  const stepMs = INTERVAL_MS[interval];
  const perBucket = stepMs / INTERVAL_MS['30m'];
  const out: Kline[] = [];
  let bucket: Kline[] = [];
  const flush = (): void => {
    if (bucket.length === perBucket) out.push(merge(bucket, interval, stepMs));
    bucket = [];
  };
  for (const k of klines30m) {
    if (k.interval !== '30m') throw new RangeError(`aggregateKlines: expected 30m candles, got ${k.interval}`);
    const first = bucket[0];
    if (first !== undefined && bucketStart(k.openTimeMs, stepMs) !== bucketStart(first.openTimeMs, stepMs)) flush();
    bucket.push(k);
  }
  flush();
  return out;
}

function bucketStart(openTimeMs: number, stepMs: number): number {
  return Math.floor(openTimeMs / stepMs) * stepMs;
}

function merge(parts: readonly Kline[], interval: Interval, stepMs: number): Kline {
  const first = parts[0] as Kline;
  const last = parts[parts.length - 1] as Kline;
  let high = first.high;
  let low = first.low;
  let volume = 0;
  let quoteVolume = 0;
  let trades = 0;
  for (const k of parts) {
    if (k.high > high) high = k.high;
    if (k.low < low) low = k.low;
    volume += k.volume;
    quoteVolume += k.quoteVolume;
    trades += k.trades;
  }
  const openTimeMs = bucketStart(first.openTimeMs, stepMs);
  return {
    symbol: first.symbol, interval, openTimeMs, closeTimeMs: openTimeMs + stepMs - 1,
    open: first.open, high, low, close: last.close, volume, quoteVolume, trades, closed: true,
  };
}
