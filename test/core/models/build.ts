import { SeriesFeatures } from '../../../src/core/features/seriesFeatures.js';
import type { SymbolFeatures } from '../../../src/core/models/symbolFeatures.js';
import { INTERVAL_MS, type Interval, type Kline } from '../../../src/domain/kline.js';

/** A hand-made candle; high/low default to the body, volume to 10. */
export interface Bar {
  readonly o?: number;
  readonly h?: number;
  readonly l?: number;
  readonly c: number;
  readonly v?: number;
}

/** `count` flat candles closing at `c` (open = high = low = close). */
export function flat(count: number, c: number, v = 10): Bar[] {
  return Array.from({ length: count }, () => ({ c, v }));
}

/** Closes alternating `a`, `b`, … (flat candles), for a band of non-zero width. */
export function alternate(count: number, a: number, b: number): Bar[] {
  return Array.from({ length: count }, (_, i) => ({ c: i % 2 === 0 ? a : b }));
}

/** Mirror prices around `m` (p → 2m − p, high and low swap), for the SHORT side of a LONG case. */
export function mirror(bars: readonly Bar[], m = 100): Bar[] {
  return bars.map((b) => ({
    c: 2 * m - b.c,
    ...(b.o === undefined ? {} : { o: 2 * m - b.o }),
    ...(b.l === undefined ? {} : { h: 2 * m - b.l }),
    ...(b.h === undefined ? {} : { l: 2 * m - b.h }),
    ...(b.v === undefined ? {} : { v: b.v }),
  }));
}

/** Klines of a series ending exactly at `endMs` (the newest candle's close time + 1). */
export function klines(symbol: string, interval: Interval, bars: readonly Bar[], endMs: number): Kline[] {
  const ms = INTERVAL_MS[interval];
  const firstOpen = endMs - bars.length * ms;
  return bars.map((b, i) => {
    const o = b.o ?? b.c;
    return {
      symbol,
      interval,
      openTimeMs: firstOpen + i * ms,
      closeTimeMs: firstOpen + (i + 1) * ms - 1,
      open: o,
      high: b.h ?? Math.max(o, b.c),
      low: b.l ?? Math.min(o, b.c),
      close: b.c,
      volume: b.v ?? 10,
      quoteVolume: 0,
      trades: 0,
      closed: true,
    };
  });
}

/** SeriesFeatures fed the bars, newest ending at `endMs`. */
export function series(interval: Interval, bars: readonly Bar[], endMs = END_MS, symbol = 'TESTUSDT'): SeriesFeatures {
  const f = new SeriesFeatures(symbol, interval);
  for (const k of klines(symbol, interval, bars, endMs)) f.add(k);
  return f;
}

/** A UTC midnight, so that 1d, 4h and 30m candles all end there. */
export const END_MS = Date.UTC(2025, 5, 1);

export function windows(d1: readonly Bar[], h4: readonly Bar[], m30: readonly Bar[], endMs = END_MS): SymbolFeatures {
  return { '1d': series('1d', d1, endMs), '4h': series('4h', h4, endMs), '30m': series('30m', m30, endMs) };
}

/** The next double above x (x > 0), to step just across a boundary. */
export function nextUp(x: number): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  buf.setBigUint64(0, buf.getBigUint64(0) + 1n);
  return buf.getFloat64(0);
}

/** The next double below x (x > 0). */
export function nextDown(x: number): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  buf.setBigUint64(0, buf.getBigUint64(0) - 1n);
  return buf.getFloat64(0);
}
