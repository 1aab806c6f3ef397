import type { AdjustmentVerdict, LockVerdict, Scope, Verdict } from '../../domain/memory.js';
import type { ModelName } from '../../domain/signal.js';

/** The configured values memory tightens: SCORE_THRESHOLD, RISK_PER_TRADE, MAX_SIGNALS_PER_DAY. */
export interface MemoryBaseConfig {
  readonly scoreThreshold: number;
  readonly riskPerTradePct: number;
  readonly maxSignalsPerDay: number;
}

/** What a lock or adjustment is checked against: a candidate's symbol and model. */
export interface GateTarget {
  readonly symbol: string;
  readonly model: ModelName;
}

/** The effective threshold is always clamped to this range (MODELS.md). */
export const MIN_EFFECTIVE_THRESHOLD = 50;
export const MAX_EFFECTIVE_THRESHOLD = 95;

/**
 * Memory as the gate reads it at one event time: the active verdicts and what they make of the
 * base config. Combination is deterministic: any applying lock blocks; threshold additions of the
 * applying rules sum (clamped 50–95); caps take the strictest (minimum) value.
 */
export interface MemoryState {
  readonly asOfMs: number;
  /** Every active verdict, notices included, in rule order. */
  readonly verdicts: readonly Verdict[];
  /** Active locks (rules and the manual pause) with their `untilMs`. */
  readonly locks: readonly LockVerdict[];
  /** Closed-trade paper equity, its peak (starting balance included) and the drawdown from it, %. */
  readonly equity: number;
  readonly peakEquity: number;
  readonly drawdownPct: number;
  /** min(RISK_PER_TRADE, risk caps). */
  readonly riskPerTradePct: number;
  /** min(MAX_SIGNALS_PER_DAY, daily caps). */
  readonly maxSignalsPerDay: number;
  /** clamp(SCORE_THRESHOLD + the threshold additions applying to `symbol` (and `model`), 50, 95). */
  scoreThreshold(symbol: string, model?: ModelName): number;
  /** The threshold, risk and daily adjustments that change a signal for this target (its reasons). */
  adjustmentsFor(target: GateTarget): readonly AdjustmentVerdict[];
  /** The locks that block this target at `nowMs` (default `asOfMs`): empty means it may pass. */
  gate(target: GateTarget, nowMs?: number): readonly LockVerdict[];
}

export interface MemoryStateParts {
  readonly asOfMs: number;
  readonly verdicts: readonly Verdict[];
  readonly base: MemoryBaseConfig;
  readonly equity: number;
  readonly peakEquity: number;
}

/** Whether a verdict's scope covers a target; a model-less target is covered by global and symbol scopes only. */
export function scopeApplies(scope: Scope, target: { symbol: string; model?: ModelName }): boolean {
  switch (scope.kind) {
    case 'global':
      return true;
    case 'symbol':
      return scope.symbol === target.symbol;
    case 'model':
      return scope.model === target.model;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** What a set of active verdicts makes of the base config, whatever the time: computed once per set. */
export interface CombinedVerdicts {
  readonly locks: readonly LockVerdict[];
  readonly adjustments: readonly AdjustmentVerdict[];
  readonly riskPerTradePct: number;
  readonly maxSignalsPerDay: number;
}

/** Splits verdicts into locks and adjustments and applies the global caps to the base config. */
export function combineVerdicts(verdicts: readonly Verdict[], base: MemoryBaseConfig): CombinedVerdicts {
  const locks = verdicts.filter((v): v is LockVerdict => v.type === 'lock');
  const adjustments = verdicts.filter((v): v is AdjustmentVerdict => v.type !== 'lock' && v.type !== 'notice');
  let riskPerTradePct = base.riskPerTradePct;
  let maxSignalsPerDay = base.maxSignalsPerDay;
  for (const v of adjustments) {
    if (v.scope.kind !== 'global') continue;
    if (v.type === 'riskCap') riskPerTradePct = Math.min(riskPerTradePct, v.maxRiskPct);
    if (v.type === 'dailyCap') maxSignalsPerDay = Math.min(maxSignalsPerDay, v.maxSignals);
  }
  return { locks, adjustments, riskPerTradePct, maxSignalsPerDay };
}

/**
 * Combines active verdicts with the base config into a {@link MemoryState}; `combined` may be
 * passed when the same verdicts were combined before (the engine reuses it between changes).
 */
export function buildMemoryState(parts: MemoryStateParts, combined = combineVerdicts(parts.verdicts, parts.base)): MemoryState {
  return new CombinedMemoryState(parts, combined);
}

/**
 * A {@link MemoryState} over verdicts combined once. A class, not an object of closures: the
 * engine builds one per processed candle (its `asOfMs` moves), so its methods live on the prototype.
 */
class CombinedMemoryState implements MemoryState {
  readonly asOfMs: number;
  readonly verdicts: readonly Verdict[];
  readonly locks: readonly LockVerdict[];
  readonly equity: number;
  readonly peakEquity: number;
  readonly drawdownPct: number;
  readonly riskPerTradePct: number;
  readonly maxSignalsPerDay: number;
  readonly #adjustments: readonly AdjustmentVerdict[];
  readonly #baseThreshold: number;

  constructor(parts: MemoryStateParts, combined: CombinedVerdicts) {
    const peak = parts.peakEquity;
    this.asOfMs = parts.asOfMs;
    this.verdicts = parts.verdicts;
    this.locks = combined.locks;
    this.equity = parts.equity;
    this.peakEquity = peak;
    this.drawdownPct = peak > 0 ? ((peak - parts.equity) / peak) * 100 : 0;
    this.riskPerTradePct = combined.riskPerTradePct;
    this.maxSignalsPerDay = combined.maxSignalsPerDay;
    this.#adjustments = combined.adjustments;
    this.#baseThreshold = parts.base.scoreThreshold;
  }

  scoreThreshold(symbol: string, model?: ModelName): number {
    let add = 0;
    for (const v of this.#adjustments) if (v.type === 'threshold' && scopeApplies(v.scope, { symbol, model })) add += v.add;
    return clamp(this.#baseThreshold + add, MIN_EFFECTIVE_THRESHOLD, MAX_EFFECTIVE_THRESHOLD);
  }

  adjustmentsFor(target: GateTarget): readonly AdjustmentVerdict[] {
    return this.#adjustments.length === 0 ? NO_ADJUSTMENTS : this.#adjustments.filter((v) => scopeApplies(v.scope, target));
  }

  gate(target: GateTarget, nowMs = this.asOfMs): readonly LockVerdict[] {
    return this.locks.length === 0 ? NO_LOCKS : this.locks.filter((l) => l.startMs <= nowMs && nowMs < l.untilMs && scopeApplies(l.scope, target));
  }
}

const NO_ADJUSTMENTS: readonly AdjustmentVerdict[] = Object.freeze([]);
const NO_LOCKS: readonly LockVerdict[] = Object.freeze([]);
