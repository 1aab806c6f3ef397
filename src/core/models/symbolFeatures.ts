import type { Interval, ModelName, Side, ScoreBreakdown, Candidate } from '../../domain/index.js';
import type { SeriesFeatures } from '../features/seriesFeatures.js';

/** The three series of one symbol that a scan reads ("windows"): 1d, 4h and 30m. */
export type SymbolFeatures = Readonly<Record<Interval, SeriesFeatures>>;

/** +1 for LONG, −1 for SHORT: lets one rule serve both sides (`sign × (a − b) > 0`). */
export function sideSign(side: Side): 1 | -1 {
  return side === 'LONG' ? 1 : -1;
}

export interface CandidateParts {
  readonly model: ModelName;
  readonly side: Side;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  readonly stopLoss: number;
  readonly takeProfit: number;
}

/**
 * A candidate on the newest candle of `series`: entry = its close, times = its own
 * (`endMs = closeTimeMs + 1`). Undefined when the series is empty.
 */
export function candidateOn(series: SeriesFeatures, parts: CandidateParts): Candidate | null {
  const k = series.last;
  if (k === undefined) return null;
  return {
    symbol: k.symbol,
    interval: k.interval,
    openTimeMs: k.openTimeMs,
    endMs: k.closeTimeMs + 1,
    entry: k.close,
    ...parts,
  };
}

/** Sum of a breakdown's points. */
export function totalPoints(breakdown: ScoreBreakdown): number {
  let sum = 0;
  for (const points of Object.values(breakdown)) sum += points;
  return sum;
}
