import type { Interval } from './kline.js';
import type { Reason } from './reason.js';

export type Side = 'LONG' | 'SHORT';
export type ModelName = 'continuation' | 'reversal';
export const MODEL_NAMES: readonly ModelName[] = ['continuation', 'reversal'];
export type ModelProfile = 'seed' | 'confluence';

/**
 * The components a model scores, over both profiles: confluence continuation (`daily`, `slope`,
 * `pullback`, `volume`, `breakout`), confluence reversal (`trigger`, `depth`, `percentB4h`, `daily`),
 * seed (`base` plus `momentum` or `depth`). The models are typed against it, so a new component
 * is declared here, where the label test finds it.
 */
export const BREAKDOWN_KEYS = ['daily', 'slope', 'pullback', 'volume', 'breakout', 'trigger', 'depth', 'percentB4h', 'base', 'momentum'] as const;
export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];

/** Points a model gave, by component (e.g. `{ trigger: 30, depth: 20 }`). */
export type ScoreBreakdown = Readonly<Partial<Record<BreakdownKey, number>>>;

/**
 * What a model proposes on one closed candle, before memory and risk have had their say.
 * Times are the signal candle's; `endMs` is its event time (close time + 1).
 */
export interface Candidate {
  readonly symbol: string;
  readonly interval: Interval;
  readonly openTimeMs: number;
  readonly endMs: number;
  readonly model: ModelName;
  readonly side: Side;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  readonly entry: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
}

export type { Reason } from './reason.js';

export type SignalStatus = 'sent' | 'blocked';

/** A candidate after the memory gate and risk sizing: sent with a size, or blocked with reasons. */
export interface Signal extends Candidate {
  readonly status: SignalStatus;
  readonly quantity: number;
  readonly riskPct: number;
  readonly effectiveThreshold: number;
  /** The UTC day's signal maximum that applied to it (MAX_SIGNALS_PER_DAY and the daily caps). */
  readonly effectiveDailyMax: number;
  readonly reasons: readonly Reason[];
}
