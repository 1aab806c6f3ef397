/** The three candle intervals kline-signals watches. */
export type Interval = '1d' | '4h' | '30m';

/** Intervals in scan order (MODELS.md: the seed profile scores 1d, then 4h, then 30m). */
export const INTERVALS: readonly Interval[] = ['1d', '4h', '30m'];

export const INTERVAL_MS: Readonly<Record<Interval, number>> = {
  '1d': 86_400_000,
  '4h': 14_400_000,
  '30m': 1_800_000,
};

export function isInterval(value: unknown): value is Interval {
  return value === '1d' || value === '4h' || value === '30m';
}

/**
 * One candle as Binance reports it. `closeTimeMs` is Binance's close time (end − 1 ms);
 * the candle's event time is its end, `closeTimeMs + 1` (see {@link klineEndMs}).
 * `closed` is false for the forming candle, which never enters a window.
 */
export interface Kline {
  readonly symbol: string;
  readonly interval: Interval;
  readonly openTimeMs: number;
  readonly closeTimeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly quoteVolume: number;
  readonly trades: number;
  readonly closed: boolean;
}

/** Event time of a candle: its end (Binance's close time + 1 ms). */
export function klineEndMs(k: Pick<Kline, 'closeTimeMs'>): number {
  return k.closeTimeMs + 1;
}

/** Key of a (symbol, interval) series, e.g. `BTCUSDT@30m`. */
export function seriesKey(symbol: string, interval: Interval): string {
  return `${symbol}@${interval}`;
}

/** Binance combined-stream name of a kline series, e.g. `btcusdt@kline_30m`. */
export function klineStreamName(symbol: string, interval: Interval): string {
  return `${symbol.toLowerCase()}@kline_${interval}`;
}

/** Inverse of {@link klineStreamName}: `btcusdt@kline_30m` → `{ symbol: 'BTCUSDT', interval: '30m' }`. */
export function parseKlineStreamName(stream: string): { symbol: string; interval: Interval } | undefined {
  const at = stream.indexOf('@kline_');
  if (at <= 0) return undefined;
  const interval = stream.slice(at + 7);
  return isInterval(interval) ? { symbol: stream.slice(0, at).toUpperCase(), interval } : undefined;
}
