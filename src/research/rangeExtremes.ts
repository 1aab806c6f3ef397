/**
 * Sparse tables of a candle series' lows and highs: the first candle from an index on whose low
 * reaches down to a price (or whose high reaches up to one) in O(log n), so a random trade skips
 * at once the candles on which nothing can happen to it.
 */
export class RangeExtremes {
  /** lows[k][i] = min of low over candles [i, i + 2^k); highs likewise with max. */
  private readonly lows: Float64Array[];
  private readonly highs: Float64Array[];

  constructor(candles: readonly { readonly low: number; readonly high: number }[]) {
    const n = candles.length;
    this.lows = [Float64Array.from(candles, (c) => c.low)];
    this.highs = [Float64Array.from(candles, (c) => c.high)];
    for (let k = 1; 1 << k <= n; k += 1) {
      const half = 1 << (k - 1);
      const prevLow = this.lows[k - 1]!;
      const prevHigh = this.highs[k - 1]!;
      const size = n - (1 << k) + 1;
      const low = new Float64Array(size);
      const high = new Float64Array(size);
      for (let i = 0; i < size; i += 1) {
        low[i] = Math.min(prevLow[i]!, prevLow[i + half]!);
        high[i] = Math.max(prevHigh[i]!, prevHigh[i + half]!);
      }
      this.lows.push(low);
      this.highs.push(high);
    }
  }

  /** The first index ≥ `from` whose low is ≤ `price`; the series length when none. */
  firstLowAtOrBelow(from: number, price: number): number {
    const n = this.lows[0]!.length;
    let pos = Math.max(0, from);
    // Skips blocks of 2^k candles, largest first, while the whole block stays above the price.
    for (let k = this.lows.length - 1; k >= 0; k -= 1) {
      const table = this.lows[k]!;
      while (pos + (1 << k) <= n && table[pos]! > price) pos += 1 << k;
    }
    return Math.min(pos, n);
  }

  /** The first index ≥ `from` whose high is ≥ `price`; the series length when none. */
  firstHighAtOrAbove(from: number, price: number): number {
    const n = this.highs[0]!.length;
    let pos = Math.max(0, from);
    for (let k = this.highs.length - 1; k >= 0; k -= 1) {
      const table = this.highs[k]!;
      while (pos + (1 << k) <= n && table[pos]! < price) pos += 1 << k;
    }
    return Math.min(pos, n);
  }
}
