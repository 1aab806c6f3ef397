import { CompensatedSum } from './compensatedSum.js';
import { FixedWindow } from './fixedWindow.js';
import type { StreamingIndicator } from './streamingIndicator.js';

/**
 * Simple moving average: the mean of the last `period` values, the current one included
 * (MODELS.md: SMA(n) of closes; the volume SMA is the same indicator fed volumes).
 * A compensated running sum keeps it within a few ulps of the exact mean over any run length.
 */
export class Sma implements StreamingIndicator<number, number> {
  private readonly window: FixedWindow<number>;
  private readonly sum = new CompensatedSum();

  constructor(readonly period: number) {
    this.window = new FixedWindow<number>(period);
  }

  add(value: number): void {
    const evicted = this.window.push(value);
    if (evicted !== undefined) this.sum.add(-evicted);
    this.sum.add(value);
  }

  get isStable(): boolean {
    return this.window.isFull;
  }

  get value(): number | undefined {
    return this.isStable ? this.sum.value / this.period : undefined;
  }

  /** The `i`-th value of the window counted from the oldest, read in place (no copy as in {@link values}). */
  valueFromOldest(i: number): number | undefined {
    return this.window.fromOldest(i);
  }

  /** Values held, at most `period`. */
  get length(): number {
    return this.window.length;
  }

  /** The values in the window, oldest first (a copy). */
  values(): number[] {
    return this.window.toArray();
  }
}
