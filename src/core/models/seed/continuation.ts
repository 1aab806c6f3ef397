import type { Candidate, Side } from '../../../domain/signal.js';
import type { SeriesFeatures } from '../../features/seriesFeatures.js';
import { DEFAULT_MODEL_CONFIG, type SeedContinuationConfig } from '../modelConfig.js';
import { candidateOn, sideSign } from '../symbolFeatures.js';

/**
 * Seed continuation on one interval on its own (SEED-CODE.md §1, corrected by MODELS.md):
 * LONG when close > SMA20 × 1.01 and the 19-bar move (close vs the close 19 bars before the
 * newest) > +2 %; SHORT mirrors. Score = min(100, 70 + |move| × 100); stops 2× / 3× the Wilder ATR
 * of that interval. Null when the conditions do not hold or the indicators are not stable.
 */
export function seedContinuation(
  series: SeriesFeatures,
  config: SeedContinuationConfig = DEFAULT_MODEL_CONFIG.seedContinuation,
  maxScore = DEFAULT_MODEL_CONFIG.maxScore,
): Candidate | null {
  const k = series.last;
  const sma = series.smaFast;
  const atr = series.atr;
  const before = series.closeBack(config.moveBars);
  if (k === undefined || sma === undefined || atr === undefined || before === undefined) return null;

  const move = (k.close - before) / before;
  let side: Side;
  if (k.close > sma * (1 + config.smaMargin) && move > config.minMove) side = 'LONG';
  else if (k.close < sma * (1 - config.smaMargin) && move < -config.minMove) side = 'SHORT';
  else return null;
  const s = sideSign(side);

  const momentum = Math.abs(move) * config.movePointsPerUnit;
  const score = Math.min(maxScore, config.baseScore + momentum);
  return candidateOn(series, {
    model: 'continuation',
    side,
    score,
    breakdown: { base: config.baseScore, momentum: score - config.baseScore },
    stopLoss: k.close - s * config.stopAtr * atr,
    takeProfit: k.close + s * config.targetAtr * atr,
  });
}
