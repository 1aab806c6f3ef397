import { percentile } from '../../src/core/percentile.js';

export { percentile };

/** Median of repeated measurements: one slow repetition (another engineer's build) does not decide the figure. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Rounds a figure for the report: 3 significant decimals below 10, fewer above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 4;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Bytes to MiB, rounded for the report. */
export function mib(bytes: number): number {
  return round(bytes / 1_048_576);
}
