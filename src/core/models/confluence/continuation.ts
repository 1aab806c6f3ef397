import type { Candidate, Side } from '../../../domain/signal.js';
import type { SeriesFeatures } from '../../features/seriesFeatures.js';
import { DEFAULT_MODEL_CONFIG, type ConfluenceContinuationConfig } from '../modelConfig.js';
import { candidateOn, sideSign, totalPoints, type SymbolFeatures } from '../symbolFeatures.js';

/**
 * Direction of the 4h trend: LONG when close > SMA50 and SMA20 > SMA50, SHORT in the mirror case,
 * null otherwise (strict comparisons, reading 5).
 */
export function trendSide4h(h4: SeriesFeatures): Side | null {
  const close = h4.last?.close;
  const fast = h4.smaFast;
  const slow = h4.smaSlow;
  if (close === undefined || fast === undefined || slow === undefined) return null;
  if (close > slow && fast > slow) return 'LONG';
  if (close < slow && fast < slow) return 'SHORT';
  return null;
}

/**
 * Confluence continuation (MODELS.md table): trend following on SMAs across 1d, 4h and 30m,
 * signal on the newest 30m candle. Returns the scored candidate whatever its score (the threshold
 * is applied later), or null without a 4h direction or before the indicators are stable.
 */
export function confluenceContinuation(
  windows: SymbolFeatures,
  config: ConfluenceContinuationConfig = DEFAULT_MODEL_CONFIG.continuation,
): Candidate | null {
  const d1 = windows['1d'];
  const h4 = windows['4h'];
  const m30 = windows['30m'];
  const side = trendSide4h(h4);
  if (side === null) return null;
  const s = sideSign(side);

  const dClose = d1.last?.close;
  const dFast = d1.smaFast;
  const dSlow = d1.smaSlow;
  const h4Fast = h4.smaFast;
  const h4FastBefore = h4.smaFastBack(config.slopeLookback);
  const k = m30.last;
  const previous = m30.previous;
  const sma = m30.smaFast;
  const volumeSma = m30.volumeSma;
  const atr = m30.atr;
  if (
    dClose === undefined || dFast === undefined || dSlow === undefined ||
    h4Fast === undefined || h4FastBefore === undefined ||
    k === undefined || previous === undefined || sma === undefined || volumeSma === undefined || atr === undefined
  ) {
    return null;
  }

  let daily = 0;
  if (s * (dClose - dSlow) > 0) {
    daily = s * (dFast - dSlow) > 0 ? config.dailyTrendPoints : config.dailyPartialPoints;
  }

  const slope = s * (h4Fast - h4FastBefore) > 0 ? config.slopePoints : 0;

  const beyondSma = s * (k.close - sma) > 0;
  const touched =
    side === 'LONG'
      ? m30.recentLows().some((low) => low <= sma * (1 + config.pullbackTolerance))
      : m30.recentHighs().some((high) => high >= sma * (1 - config.pullbackTolerance));
  const resumed = s * (k.close - k.open) > 0;
  let pullback = 0;
  if (beyondSma) pullback = touched && resumed ? config.pullbackPoints : config.pullbackPartialPoints;

  const volume = k.volume > volumeSma ? config.volumePoints : 0;

  const breakout = (side === 'LONG' ? k.close > previous.high : k.close < previous.low) ? config.breakoutPoints : 0;

  const breakdown = { daily, slope, pullback, volume, breakout };
  return candidateOn(m30, {
    model: 'continuation',
    side,
    score: totalPoints(breakdown),
    breakdown,
    stopLoss: k.close - s * config.stopAtr * atr,
    takeProfit: k.close + s * config.targetAtr * atr,
  });
}
