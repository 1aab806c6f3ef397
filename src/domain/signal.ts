import type { Interval } from './kline.js';

export type Side = 'LONG' | 'SHORT';
export type ModelName = 'continuation' | 'reversal';
export const MODEL_NAMES: readonly ModelName[] = ['continuation', 'reversal'];
export type ModelProfile = 'seed' | 'confluence';

/** Points a model gave, by component name (e.g. `{ trigger: 30, depth: 20 }`). */
export type ScoreBreakdown = Readonly<Record<string, number>>;

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

/** Why a candidate was not sent (or what changed it), recorded with the signal as JSON. */
export interface Reason {
  /** Stable code, e.g. `pause`, `symbol_cooldown`, `model_disabled`, `threshold`, `daily_limit`, `size`, `open_trade`. */
  readonly code: string;
  readonly detail: string;
  /** The memory rule behind it, when there is one. */
  readonly rule?: string;
}

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
