import { klineEndMs, type Kline } from '../domain/kline.js';

/** The span Binance's `GET /fapi/v1/ticker/24hr` `quoteVolume` covers. */
export const DAY_MS = 86_400_000;

/**
 * Turnover of one candle in the quote asset: its `quote_volume` column, or close × volume when
 * the file has 0 there (some exports, and this repo's examples, leave the column empty).
 */
export function candleQuoteVolume(k: Kline): number {
  return k.quoteVolume > 0 ? k.quoteVolume : k.close * k.volume;
}

/**
 * The 24 h quote volume of a symbol at any event time, from its 30m candles: the sum of
 * {@link candleQuoteVolume} over the candles ending in (atMs − 24 h, atMs] — the last 48 30m
 * candles when the data has no hole. Prefix sums make each question O(log n).
 */
export class RollingQuoteVolume {
  private readonly endsMs: Float64Array;
  /** prefix[i] = sum of the first i candles' quote volume. */
  private readonly prefix: Float64Array;

  constructor(klines30m: readonly Kline[]) {
    this.endsMs = new Float64Array(klines30m.length);
    this.prefix = new Float64Array(klines30m.length + 1);
    klines30m.forEach((k, i) => {
      this.endsMs[i] = klineEndMs(k);
      this.prefix[i + 1] = (this.prefix[i] as number) + candleQuoteVolume(k);
    });
  }

  /** Quote volume of the candles ending in (atMs − 24 h, atMs]; 0 before the first candle. */
  at(atMs: number): number {
    const hi = this.countEndingAtOrBefore(atMs);
    const lo = this.countEndingAtOrBefore(atMs - DAY_MS);
    return (this.prefix[hi] as number) - (this.prefix[lo] as number);
  }

  private countEndingAtOrBefore(ms: number): number {
    let lo = 0;
    let hi = this.endsMs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.endsMs[mid] as number) <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * How a symbol's volume is measured: its quote_volume column when the file has one (any candle
 * with a value), else close × volume (the report says so: it is an estimate of the turnover).
 */
export function volumeSourceOf(klines30m: readonly Kline[]): 'quote_volume' | 'close × volume' {
  return klines30m.some((k) => k.quoteVolume > 0) ? 'quote_volume' : 'close × volume';
}
