import { percentile } from '../core/percentile.js';

/** The 5th, 50th and 95th nearest-rank percentiles of a simulated figure: 90 % of outcomes lie in [p5, p95]. */
export interface Band {
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** The band of `samples` (NaN everywhere when there are none). */
export function bandOf(samples: readonly number[]): Band {
  return { p5: percentile(samples, 5), p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Where one value falls among simulated ones. */
export interface Standing {
  /** Share of samples strictly below the value, percent: "beats 87 % of random entries". */
  readonly beatsPct: number;
  /**
   * One-sided p-value: the share of samples at or above the value. Small means chance rarely did as
   * well; a tie counts against the value, so equal to every sample gives 1.
   */
  readonly pValue: number;
}

/** The standing of `value` among `samples`; null when there are no samples. */
export function standingOf(value: number, samples: readonly number[]): Standing | null {
  if (samples.length === 0) return null;
  let below = 0;
  for (const s of samples) if (s < value) below += 1;
  return { beatsPct: (below * 100) / samples.length, pValue: (samples.length - below) / samples.length };
}
