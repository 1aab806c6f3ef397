/**
 * A running sum that stays exact to a few ulps however many values are added and removed
 * (Neumaier's variant of Kahan summation). A plain running sum over a sliding window drifts:
 * every add/remove rounds, and 40k candles of rounding can exceed 1e-9 relative on small means.
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  /** Adds `x` (pass a negative value to remove one that was added before). */
  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) {
      this.compensation += this.sum - t + x;
    } else {
      this.compensation += x - t + this.sum;
    }
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }

  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}
