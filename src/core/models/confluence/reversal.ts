import type { Candidate, Side } from '../../../domain/signal.js';
import { DEFAULT_MODEL_CONFIG, type ConfluenceReversalConfig } from '../modelConfig.js';
import { candidateOn, sideSign, totalPoints, type SymbolFeatures } from '../symbolFeatures.js';

/**
 * Confluence reversal (MODELS.md table): mean reversion on Bollinger Bands of 30m. Trigger LONG:
 * the previous close was below its own lower band and this close is above the current lower band;
 * SHORT mirrors on the upper band. No trigger, no candidate (null); otherwise the scored candidate.
 */
export function confluenceReversal(
  windows: SymbolFeatures,
  config: ConfluenceReversalConfig = DEFAULT_MODEL_CONFIG.reversal,
): Candidate | null {
  const d1 = windows['1d'];
  const h4 = windows['4h'];
  const m30 = windows['30m'];
  const k = m30.last;
  const previous = m30.previous;
  const bands = m30.bands;
  const previousBands = m30.previousBands;
  const atr = m30.atr;
  const h4Bands = h4.bands;
  const dClose = d1.last?.close;
  const dSlow = d1.smaSlow;
  if (
    k === undefined || previous === undefined || bands === undefined || previousBands === undefined ||
    atr === undefined || h4Bands === undefined || dClose === undefined || dSlow === undefined
  ) {
    return null;
  }

  let side: Side;
  if (previous.close < previousBands.lower && k.close > bands.lower) side = 'LONG';
  else if (previous.close > previousBands.upper && k.close < bands.upper) side = 'SHORT';
  else return null;
  const s = sideSign(side);

  const trigger = config.triggerPoints;

  const outside = side === 'LONG' ? previousBands.lower - previous.close : previous.close - previousBands.upper;
  const depth = outside >= config.depthAtr * atr ? config.depthPoints : config.depthPartialPoints;

  const pb = h4Bands.percentB;
  let percentB4h = 0;
  if (pb !== undefined) {
    if (side === 'LONG') {
      if (pb < config.percentBFull) percentB4h = config.percentBPoints;
      else if (pb < config.percentBPartial) percentB4h = config.percentBPartialPoints;
    } else if (pb > 1 - config.percentBFull) {
      percentB4h = config.percentBPoints;
    } else if (pb > 1 - config.percentBPartial) {
      percentB4h = config.percentBPartialPoints;
    }
  }

  let daily = 0;
  if (s * (dClose - dSlow) > 0) daily = config.dailyPoints;
  else if (side === 'LONG' ? dClose >= (1 - config.dailyNearFraction) * dSlow : dClose <= (1 + config.dailyNearFraction) * dSlow) {
    daily = config.dailyNearPoints;
  }

  const breakdown = { trigger, depth, percentB4h, daily };
  return candidateOn(m30, {
    model: 'reversal',
    side,
    score: totalPoints(breakdown),
    breakdown,
    stopLoss: k.close - s * config.stopAtr * atr,
    takeProfit: k.close + s * config.targetAtr * atr,
  });
}
