import { Sma } from './sma.js';
import type { StreamingIndicator } from './streamingIndicator.js';

/** One Bollinger reading: middle = SMA, bands = middle ± k × population standard deviation. */
export interface BollingerValue {
  readonly middle: number;
  readonly upper: number;
  readonly lower: number;
  /** Population standard deviation of the window (divided by n, as MODELS.md and the seed say). */
  readonly deviation: number;
  /** %B of the newest value: (value − lower) / (upper − lower); undefined for a zero-width band. */
  readonly percentB: number | undefined;
}

/** %B of any price against a band; undefined when the band has zero width (flat window). */
export function percentB(price: number, band: Pick<BollingerValue, 'upper' | 'lower'>): number | undefined {
  const width = band.upper - band.lower;
  return width > 0 ? (price - band.lower) / width : undefined;
}

/**
 * Bollinger Bands(period, k) on closes, MODELS.md default (20, 2). The deviation is recomputed
 * from the window in two passes on each read (the window is small), which avoids the
 * cancellation of a running sum of squares on prices near 1e5.
 */
export class Bollinger implements StreamingIndicator<number, BollingerValue> {
  private readonly sma: Sma;
  private cached: BollingerValue | undefined;
  private newest: number | undefined;

  constructor(
    readonly period = 20,
    readonly k = 2,
  ) {
    this.sma = new Sma(period);
  }

  add(value: number): void {
    this.sma.add(value);
    this.newest = value;
    this.cached = undefined;
  }

  get isStable(): boolean {
    return this.sma.isStable;
  }

  get value(): BollingerValue | undefined {
    if (this.cached !== undefined) return this.cached;
    const middle = this.sma.value;
    if (middle === undefined || this.newest === undefined) return undefined;
    let squares = 0;
    // Oldest first, in place: the same order (and so the same rounding) as iterating values().
    for (let i = 0, n = this.sma.length; i < n; i += 1) {
      const x = this.sma.valueFromOldest(i)!;
      squares += (x - middle) * (x - middle);
    }
    const deviation = Math.sqrt(squares / this.period);
    const upper = middle + this.k * deviation;
    const lower = middle - this.k * deviation;
    this.cached = { middle, upper, lower, deviation, percentB: percentB(this.newest, { upper, lower }) };
    return this.cached;
  }
}
