import type { Candidate, Side } from '../../../domain/signal.js';
import type { SeriesFeatures } from '../../features/seriesFeatures.js';
import { DEFAULT_MODEL_CONFIG, type SeedReversalConfig } from '../modelConfig.js';
import { candidateOn, sideSign } from '../symbolFeatures.js';

/**
 * Seed reversal on one interval on its own: LONG when close < lower Bollinger(20, 2) and the
 * candle is bullish (close > open); SHORT when close > upper band and bearish. Score =
 * min(100, 65 + 200 × distance beyond the band / close); SL = entry ∓ 1.5 × ATR, TP = SMA20.
 */
export function seedReversal(
  series: SeriesFeatures,
  config: SeedReversalConfig = DEFAULT_MODEL_CONFIG.seedReversal,
  maxScore = DEFAULT_MODEL_CONFIG.maxScore,
): Candidate | null {
  const k = series.last;
  const bands = series.bands;
  const atr = series.atr;
  if (k === undefined || bands === undefined || atr === undefined) return null;

  let side: Side;
  let beyond: number;
  if (k.close < bands.lower && k.close > k.open) {
    side = 'LONG';
    beyond = bands.lower - k.close;
  } else if (k.close > bands.upper && k.close < k.open) {
    side = 'SHORT';
    beyond = k.close - bands.upper;
  } else {
    return null;
  }

  const depth = (config.depthPointsPerUnit * beyond) / k.close;
  const score = Math.min(maxScore, config.baseScore + depth);
  return candidateOn(series, {
    model: 'reversal',
    side,
    score,
    breakdown: { base: config.baseScore, depth: score - config.baseScore },
    stopLoss: k.close - sideSign(side) * config.stopAtr * atr,
    takeProfit: bands.middle,
  });
}
