import type { FirstTrueRange } from '../indicators/atr.js';

/**
 * Periods and history lengths of the per-series features. Defaults are MODELS.md's; a backtest can
 * tune them, and the models read whatever the features were built with.
 */
export interface FeatureConfig {
  /** SMA20 of closes, also the Bollinger middle. */
  readonly fastSmaPeriod: number;
  /** SMA50 of closes (trend filter on 4h and 1d). */
  readonly slowSmaPeriod: number;
  readonly bollingerPeriod: number;
  readonly bollingerK: number;
  readonly atrPeriod: number;
  readonly atrFirstTrueRange: FirstTrueRange;
  /** Volume SMA20 (the current candle included). */
  readonly volumeSmaPeriod: number;
  /** How many past fast-SMA values are kept (continuation: SMA20(4h) 3 candles earlier). */
  readonly fastSmaHistory: number;
  /** Lows and highs kept for the pullback test (the last 6 candles, the newest included). */
  readonly swingCandles: number;
  /** Closes kept: the seed's 19-bar move needs the close 19 bars before the newest (20 closes). */
  readonly closeHistory: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  fastSmaPeriod: 20,
  slowSmaPeriod: 50,
  bollingerPeriod: 20,
  bollingerK: 2,
  atrPeriod: 14,
  atrFirstTrueRange: 'highLow',
  volumeSmaPeriod: 20,
  fastSmaHistory: 3,
  swingCandles: 6,
  closeHistory: 20,
};
