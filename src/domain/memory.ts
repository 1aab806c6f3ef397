import type { ModelName } from './signal.js';

/** What a lock or adjustment applies to. */
export type Scope =
  | { readonly kind: 'global' }
  | { readonly kind: 'symbol'; readonly symbol: string }
  | { readonly kind: 'model'; readonly model: ModelName };

/**
 * The facts behind a verdict, as numbers the templates word in each language (never a sentence):
 * a losing streak, a win rate of the last trades against its line, a drawdown against its line.
 * `none` is the operator's pause, and verdicts stored before verdicts carried facts.
 */
export type VerdictDetail =
  | { readonly kind: 'none' }
  | { readonly kind: 'lossStreak'; readonly losses: number }
  | { readonly kind: 'winRateBelow'; readonly wins: number; readonly trades: number; readonly linePct: number }
  | { readonly kind: 'winRateAbove'; readonly wins: number; readonly trades: number; readonly linePct: number }
  | { readonly kind: 'drawdown'; readonly drawdownPct: number; readonly linePct: number }
  /** A symbol's daily trend too weak to follow (chop): its 1D close within `lineAtr` ATR14 of its SMA50. */
  | { readonly kind: 'weakTrend'; readonly trendAtr: number; readonly lineAtr: number };

export type VerdictDetailKind = VerdictDetail['kind'];
/** Every kind of {@link VerdictDetail}, so tests can check each has wording in every language. */
export const VERDICT_DETAIL_KINDS = ['none', 'lossStreak', 'winRateBelow', 'winRateAbove', 'drawdown', 'weakTrend'] as const satisfies readonly VerdictDetailKind[];

/** The detail of a verdict with no facts (manual pause, rows written before details existed). */
export const NO_DETAIL: VerdictDetail = Object.freeze({ kind: 'none' });

/** A lock blocks new signals in its scope while `startMs <= now < untilMs` (event time). */
export interface LockVerdict {
  readonly type: 'lock';
  readonly rule: string;
  readonly scope: Scope;
  readonly startMs: number;
  readonly untilMs: number;
  readonly detail: VerdictDetail;
}

/**
 * An adjustment shrinks or tightens while it holds. Combined per target (MemoryState): the
 * threshold additions that apply sum (the sum clamped 50–95), each cap takes the strictest value.
 */
export type AdjustmentVerdict =
  | { readonly type: 'threshold'; readonly rule: string; readonly scope: Scope; readonly add: number; readonly detail: VerdictDetail }
  | { readonly type: 'riskCap'; readonly rule: string; readonly scope: Scope; readonly maxRiskPct: number; readonly detail: VerdictDetail }
  | { readonly type: 'dailyCap'; readonly rule: string; readonly scope: Scope; readonly maxSignals: number; readonly detail: VerdictDetail }
  /** An observation with no effect on signals (rule 8, a good run of a model). */
  | { readonly type: 'notice'; readonly rule: string; readonly scope: Scope; readonly detail: VerdictDetail };

export type Verdict = LockVerdict | AdjustmentVerdict;
export type VerdictType = Verdict['type'];
/** Every verdict type, for tests that check each has a label in every language. */
export const VERDICT_TYPES = ['lock', 'threshold', 'riskCap', 'dailyCap', 'notice'] as const satisfies readonly VerdictType[];

/**
 * What a regime rule reads of a symbol's newest closed 1D candle (the windows give a 30m step only
 * the 1D candles that ended by its end): its close, SMA50 and Wilder ATR14 over every 1D candle seen.
 */
export interface DailyReading {
  readonly symbol: string;
  /** Event time of the 1D candle (close time + 1). */
  readonly endMs: number;
  readonly close: number;
  readonly smaSlow: number;
  readonly atr: number;
}

/** A start or end of a verdict, in event time: what Telegram and the logs report. */
export interface MemoryEvent {
  readonly kind: 'start' | 'end';
  readonly atMs: number;
  readonly verdict: Verdict;
}

const DETAIL_KINDS: ReadonlySet<string> = new Set(VERDICT_DETAIL_KINDS);

/** A stored detail as a {@link VerdictDetail}; anything else (an English sentence of old rows) is `none`. */
export function parseVerdictDetail(raw: unknown): VerdictDetail {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return NO_DETAIL;
    }
  }
  if (typeof value === 'object' && value !== null && DETAIL_KINDS.has(String((value as { kind?: unknown }).kind))) return value as VerdictDetail;
  return NO_DETAIL;
}

/**
 * A verdict read back from JSON: rows written before details existed carry `reason` (an English
 * sentence) instead; they get `detail: none` so every reader sees one shape.
 */
export function normaliseVerdict(raw: Verdict | (Omit<Verdict, 'detail'> & { reason?: unknown; detail?: unknown })): Verdict {
  if ('detail' in raw && raw.detail !== undefined) return { ...raw, detail: parseVerdictDetail(raw.detail) } as Verdict;
  const { reason: _legacy, ...rest } = raw as { reason?: unknown };
  return { ...rest, detail: NO_DETAIL } as Verdict;
}
