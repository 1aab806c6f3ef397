import { INTERVALS, INTERVAL_MS, type Interval } from '../../../domain/kline.js';
import type { Candidate } from '../../../domain/signal.js';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../modelConfig.js';
import type { SymbolFeatures } from '../symbolFeatures.js';
import { seedContinuation } from './continuation.js';
import { seedReversal } from './reversal.js';

/**
 * Intervals whose candle closes exactly at `endMs` (a 30m candle's end), in scan order
 * 1d, 4h, 30m (reading 11). Boundaries are UTC epoch multiples, as Binance aligns its candles.
 */
export function seedIntervalsDueAt(endMs: number): Interval[] {
  return INTERVALS.filter((interval) => endMs % INTERVAL_MS[interval] === 0);
}

/**
 * One seed-profile scan of a symbol at the end of its newest 30m candle: each due interval whose
 * newest candle ends exactly then and that has ≥ `seedMinCandles` candles is scored on its own;
 * continuation first and, if its conditions hold, reversal is not tried. At most one candidate per
 * interval, ordered 1d, 4h, 30m.
 */
export function scanSeed(windows: SymbolFeatures, config: ModelConfig = DEFAULT_MODEL_CONFIG): Candidate[] {
  const endMs = windows['30m'].lastEndMs;
  if (endMs === undefined) return [];
  const candidates: Candidate[] = [];
  for (const interval of seedIntervalsDueAt(endMs)) {
    const series = windows[interval];
    if (series.lastEndMs !== endMs || !series.isWarm(config.seedMinCandles)) continue;
    const candidate =
      seedContinuation(series, config.seedContinuation, config.maxScore) ??
      seedReversal(series, config.seedReversal, config.maxScore);
    if (candidate !== null) candidates.push(candidate);
  }
  return candidates;
}
