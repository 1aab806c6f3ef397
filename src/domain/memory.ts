import type { ModelName } from './signal.js';

/** What a lock or adjustment applies to. */
export type Scope =
  | { readonly kind: 'global' }
  | { readonly kind: 'symbol'; readonly symbol: string }
  | { readonly kind: 'model'; readonly model: ModelName };

/** A lock blocks new signals in its scope while `startMs <= now < untilMs` (event time). */
export interface LockVerdict {
  readonly type: 'lock';
  readonly rule: string;
  readonly scope: Scope;
  readonly startMs: number;
  readonly untilMs: number;
  readonly reason: string;
}

/**
 * An adjustment shrinks or tightens while it holds. Combined per target (MemoryState): the
 * threshold additions that apply sum (the sum clamped 50–95), each cap takes the strictest value.
 */
export type AdjustmentVerdict =
  | { readonly type: 'threshold'; readonly rule: string; readonly scope: Scope; readonly add: number; readonly reason: string }
  | { readonly type: 'riskCap'; readonly rule: string; readonly scope: Scope; readonly maxRiskPct: number; readonly reason: string }
  | { readonly type: 'dailyCap'; readonly rule: string; readonly scope: Scope; readonly maxSignals: number; readonly reason: string }
  /** An observation with no effect on signals (rule 8, a good run of a model). */
  | { readonly type: 'notice'; readonly rule: string; readonly scope: Scope; readonly reason: string };

export type Verdict = LockVerdict | AdjustmentVerdict;

/** A start or end of a verdict, in event time: what Telegram and the logs report. */
export interface MemoryEvent {
  readonly kind: 'start' | 'end';
  readonly atMs: number;
  readonly verdict: Verdict;
}
