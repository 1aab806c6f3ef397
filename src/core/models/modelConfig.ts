/**
 * Parameters of both model profiles. Defaults equal MODELS.md so that a backtest can tune one
 * number at a time and compare. Periods of the indicators live in FeatureConfig.
 */
export interface ConfluenceContinuationConfig {
  /** Daily trend: close > SMA50 and SMA20 > SMA50 (full) or only close > SMA50 (partial). */
  readonly dailyTrendPoints: number;
  readonly dailyPartialPoints: number;
  /** SMA20(4h) higher (LONG) than `slopeLookback` candles earlier. */
  readonly slopePoints: number;
  readonly slopeLookback: number;
  /** A low within `pullbackTolerance` of SMA20(30m) among the last candles, then a resume. */
  readonly pullbackPoints: number;
  readonly pullbackPartialPoints: number;
  readonly pullbackTolerance: number;
  readonly volumePoints: number;
  readonly breakoutPoints: number;
  readonly stopAtr: number;
  readonly targetAtr: number;
}

export interface ConfluenceReversalConfig {
  readonly triggerPoints: number;
  /** Previous close at least `depthAtr` × ATR14(30m) beyond its band: full points, else partial. */
  readonly depthPoints: number;
  readonly depthPartialPoints: number;
  readonly depthAtr: number;
  /** 4h %B below `percentBFull` (LONG; SHORT above 1 − it): full points; below `percentBPartial`: partial. */
  readonly percentBPoints: number;
  readonly percentBPartialPoints: number;
  readonly percentBFull: number;
  readonly percentBPartial: number;
  /** 1d close beyond SMA50 in the trade's direction: full; within `dailyNearFraction` against it: partial. */
  readonly dailyPoints: number;
  readonly dailyNearPoints: number;
  readonly dailyNearFraction: number;
  readonly stopAtr: number;
  readonly targetAtr: number;
}

export interface SeedContinuationConfig {
  /** close > SMA20 × (1 + smaMargin) for LONG, < SMA20 × (1 − smaMargin) for SHORT. */
  readonly smaMargin: number;
  /** Bars between the newest close and the close it is compared with (19). */
  readonly moveBars: number;
  readonly minMove: number;
  readonly baseScore: number;
  /** Points per unit of fractional move (100: one point per 1 %). */
  readonly movePointsPerUnit: number;
  readonly stopAtr: number;
  readonly targetAtr: number;
}

export interface SeedReversalConfig {
  readonly baseScore: number;
  /** Points per unit of fractional distance beyond the band (200). */
  readonly depthPointsPerUnit: number;
  readonly stopAtr: number;
}

export interface ModelConfig {
  /** Closed candles each interval needs before a confluence scan (MODELS.md: 51). */
  readonly confluenceMinCandles: number;
  /** Closed candles an interval needs to be scored by the seed profile (50). */
  readonly seedMinCandles: number;
  /** Scores are capped here. */
  readonly maxScore: number;
  readonly continuation: ConfluenceContinuationConfig;
  readonly reversal: ConfluenceReversalConfig;
  readonly seedContinuation: SeedContinuationConfig;
  readonly seedReversal: SeedReversalConfig;
}

export const DEFAULT_MODEL_CONFIG: ModelConfig = {
  confluenceMinCandles: 51,
  seedMinCandles: 50,
  maxScore: 100,
  continuation: {
    dailyTrendPoints: 25,
    dailyPartialPoints: 15,
    slopePoints: 20,
    slopeLookback: 3,
    pullbackPoints: 30,
    pullbackPartialPoints: 15,
    pullbackTolerance: 0.002,
    volumePoints: 15,
    breakoutPoints: 10,
    stopAtr: 3,
    targetAtr: 6,
  },
  reversal: {
    triggerPoints: 30,
    depthPoints: 20,
    depthPartialPoints: 10,
    depthAtr: 0.5,
    percentBPoints: 25,
    percentBPartialPoints: 12,
    percentBFull: 0.2,
    percentBPartial: 0.35,
    dailyPoints: 25,
    dailyNearPoints: 10,
    dailyNearFraction: 0.05,
    stopAtr: 3,
    targetAtr: 4,
  },
  seedContinuation: {
    smaMargin: 0.01,
    moveBars: 19,
    minMove: 0.02,
    baseScore: 70,
    movePointsPerUnit: 100,
    stopAtr: 2,
    targetAtr: 3,
  },
  seedReversal: {
    baseScore: 65,
    depthPointsPerUnit: 200,
    stopAtr: 1.5,
  },
};
