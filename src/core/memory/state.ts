import type { AdjustmentVerdict, LockVerdict, Scope, Verdict } from '../../domain/memory.js';
import type { ModelName } from '../../domain/signal.js';
import { SEED_RULE_BOOK, type RuleBook } from './ruleBook.js';

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

/**
 * Every memory effect on one candidate (a symbol and a model) at one event time: the one decision
 * point the gate reads. Threshold additions whose scope covers the target sum (clamped 50–95);
 * risk and daily caps whose scope covers it take the strictest value; the locks are those holding.
 */
export interface MemoryLimits {
  /** clamp(SCORE_THRESHOLD + the threshold additions that apply, 50, 95). */
  readonly threshold: number;
  /** min(RISK_PER_TRADE, the risk caps that apply). */
  readonly riskPct: number;
  /** min(MAX_SIGNALS_PER_DAY, the daily caps that apply). */
  readonly dailyMax: number;
  /** The locks that block the target now: empty means it may pass. */
  readonly locks: readonly LockVerdict[];
  /** The threshold, risk and daily adjustments that apply to the target (recorded as its reasons). */
  readonly adjustments: readonly AdjustmentVerdict[];
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
  /** The facts of the rules behind the verdicts (the lock code a blocked candidate records). */
  readonly rules: RuleBook;
  /** Every active verdict, notices included, in rule order. */
  readonly verdicts: readonly Verdict[];
  /** Active locks (rules and the manual pause) with their `untilMs`. */
  readonly locks: readonly LockVerdict[];
  /** Closed-trade paper equity, its peak (starting balance included) and the drawdown from it, %. */
  readonly equity: number;
  readonly peakEquity: number;
  readonly drawdownPct: number;
  /** min(RISK_PER_TRADE, global risk caps): what /status shows; a candidate reads {@link limitsFor}. */
  readonly riskPerTradePct: number;
  /** min(MAX_SIGNALS_PER_DAY, global daily caps): what /status shows; a candidate reads {@link limitsFor}. */
  readonly maxSignalsPerDay: number;
  /**
   * Every memory effect on a candidate of this symbol and model at `nowMs` (default `asOfMs`).
   * Without a model, only global and symbol scopes apply (views for /status and tests).
   */
  limitsFor(target: LimitsTarget, nowMs?: number): MemoryLimits;
  /** `limitsFor(…).threshold`, for views and tests. */
  scoreThreshold(symbol: string, model?: ModelName): number;
  /** `limitsFor(…).adjustments`, for views and tests. */
  adjustmentsFor(target: GateTarget): readonly AdjustmentVerdict[];
  /** `limitsFor(…).locks`, for views and tests. */
  gate(target: GateTarget, nowMs?: number): readonly LockVerdict[];
}

/** What {@link MemoryState.limitsFor} is asked about: a symbol, and the model when there is one. */
export interface LimitsTarget {
  readonly symbol: string;
  readonly model?: ModelName;
}

export interface MemoryStateParts {
  readonly asOfMs: number;
  readonly verdicts: readonly Verdict[];
  readonly base: MemoryBaseConfig;
  readonly equity: number;
  readonly peakEquity: number;
  /** The configured rules' facts; default the seed rules'. */
  readonly rules?: RuleBook;
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
  readonly rules: RuleBook;
  readonly verdicts: readonly Verdict[];
  readonly locks: readonly LockVerdict[];
  readonly equity: number;
  readonly peakEquity: number;
  readonly drawdownPct: number;
  readonly riskPerTradePct: number;
  readonly maxSignalsPerDay: number;
  readonly #adjustments: readonly AdjustmentVerdict[];
  readonly #base: MemoryBaseConfig;

  constructor(parts: MemoryStateParts, combined: CombinedVerdicts) {
    const peak = parts.peakEquity;
    this.asOfMs = parts.asOfMs;
    this.rules = parts.rules ?? SEED_RULE_BOOK;
    this.verdicts = parts.verdicts;
    this.locks = combined.locks;
    this.equity = parts.equity;
    this.peakEquity = peak;
    this.drawdownPct = peak > 0 ? ((peak - parts.equity) / peak) * 100 : 0;
    this.riskPerTradePct = combined.riskPerTradePct;
    this.maxSignalsPerDay = combined.maxSignalsPerDay;
    this.#adjustments = combined.adjustments;
    this.#base = parts.base;
  }

  limitsFor(target: LimitsTarget, nowMs = this.asOfMs): MemoryLimits {
    const adjustments = this.#adjustments.length === 0 ? NO_ADJUSTMENTS : this.#adjustments.filter((v) => scopeApplies(v.scope, target));
    let add = 0;
    let riskPct = this.#base.riskPerTradePct;
    let dailyMax = this.#base.maxSignalsPerDay;
    for (const v of adjustments) {
      if (v.type === 'threshold') add += v.add;
      else if (v.type === 'riskCap') riskPct = Math.min(riskPct, v.maxRiskPct);
      else if (v.type === 'dailyCap') dailyMax = Math.min(dailyMax, v.maxSignals);
    }
    const locks = this.locks.length === 0 ? NO_LOCKS : this.locks.filter((l) => l.startMs <= nowMs && nowMs < l.untilMs && scopeApplies(l.scope, target));
    return { threshold: clamp(this.#base.scoreThreshold + add, MIN_EFFECTIVE_THRESHOLD, MAX_EFFECTIVE_THRESHOLD), riskPct, dailyMax, locks, adjustments };
  }

  scoreThreshold(symbol: string, model?: ModelName): number {
    return this.limitsFor({ symbol, model }).threshold;
  }

  adjustmentsFor(target: GateTarget): readonly AdjustmentVerdict[] {
    return this.limitsFor(target).adjustments;
  }

  gate(target: GateTarget, nowMs = this.asOfMs): readonly LockVerdict[] {
    return this.limitsFor(target, nowMs).locks;
  }
}

const NO_ADJUSTMENTS: readonly AdjustmentVerdict[] = Object.freeze([]);
const NO_LOCKS: readonly LockVerdict[] = Object.freeze([]);
