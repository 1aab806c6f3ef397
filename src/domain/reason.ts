import type { VerdictDetail } from './memory.js';
import type { ModelName } from './signal.js';

/**
 * Every reason a candidate can carry, recorded with it as JSON (`signals.reasons`): a stable machine
 * code, never shown to people; the templates word each one in every language.
 * - `pause`, `symbol_cooldown`, `model_disabled`: a memory lock blocks (global, symbol, model scope).
 * - `model_off`: the model is switched off in config.
 * - `threshold_raised`, `risk_cap`, `daily_cap`: a memory adjustment applied to a sent signal.
 * - `threshold`: the score is below the effective (memory-adjusted) threshold.
 * - `size`: sizing refused (risk, stop distance, minimum quantity or notional).
 * - `daily_limit`: the effective daily maximum was reached.
 * - `open_trade`: another signal of the symbol was sent on this candle.
 */
export const REASON_CODES = [
  'pause',
  'symbol_cooldown',
  'model_disabled',
  'model_off',
  'threshold_raised',
  'risk_cap',
  'daily_cap',
  'threshold',
  'size',
  'daily_limit',
  'open_trade',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Why sizing refused, with the numbers it compared. */
export type SizeProblem =
  | { readonly problem: 'riskAmount'; readonly riskUsdt: number }
  | { readonly problem: 'stopDistance'; readonly entry: number; readonly stopLoss: number }
  | { readonly problem: 'minQty'; readonly quantity: number; readonly minQty: number; readonly stepSize: number }
  | { readonly problem: 'minNotional'; readonly notionalUsdt: number; readonly minNotional: number };
export type SizeProblemKind = SizeProblem['problem'];
export const SIZE_PROBLEMS = ['riskAmount', 'stopDistance', 'minQty', 'minNotional'] as const satisfies readonly SizeProblemKind[];

/** The structured detail each code carries; `why` is the memory rule's facts. */
export interface ReasonDetails {
  readonly pause: { readonly untilMs: number; readonly why: VerdictDetail };
  readonly symbol_cooldown: { readonly symbol: string; readonly untilMs: number; readonly why: VerdictDetail };
  readonly model_disabled: { readonly model: ModelName; readonly untilMs: number; readonly why: VerdictDetail };
  readonly model_off: { readonly model: ModelName };
  readonly threshold_raised: { readonly add: number; readonly why: VerdictDetail };
  readonly risk_cap: { readonly maxRiskPct: number; readonly why: VerdictDetail };
  readonly daily_cap: { readonly maxSignals: number; readonly why: VerdictDetail };
  readonly threshold: { readonly score: number; readonly threshold: number };
  readonly size: SizeProblem;
  readonly daily_limit: { readonly sentToday: number; readonly max: number };
  readonly open_trade: { readonly symbol: string };
}

/** A reason of one code: its detail, and the memory rule behind it (machine id) when there is one. */
export type ReasonOf<C extends ReasonCode> = { readonly code: C; readonly detail: ReasonDetails[C]; readonly rule?: string };

/** Why a candidate was not sent (or what changed it), recorded with the signal as JSON. */
export type Reason = { [C in ReasonCode]: ReasonOf<C> }[ReasonCode];

/**
 * A reason read back from SQLite: rows written before reasons were typed have a free-text detail,
 * which is dropped (it was English); such a reason has no `detail`, only its (mapped) code.
 */
export type StoredReason = Reason | { readonly code: ReasonCode; readonly detail?: undefined; readonly rule?: string };

/** Codes written before this union existed, as the codes they became. */
const LEGACY_CODES: Readonly<Record<string, ReasonCode>> = {
  memory_threshold: 'threshold_raised',
  memory_riskCap: 'risk_cap',
  memory_dailyCap: 'daily_cap',
  lock: 'pause',
};

const CODES: ReadonlySet<string> = new Set(REASON_CODES);

export function isReasonCode(code: unknown): code is ReasonCode {
  return typeof code === 'string' && CODES.has(code);
}

/**
 * One stored reason as a {@link StoredReason}: a known code with an object detail passes; an old
 * code is mapped (`memory_threshold` → `threshold_raised`, …) and a text detail dropped. An
 * unknown code becomes `undefined` (the caller skips it) rather than reaching a reader as text.
 */
export function normaliseReason(raw: unknown): StoredReason | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as { code?: unknown; detail?: unknown; rule?: unknown };
  const code = isReasonCode(r.code) ? r.code : typeof r.code === 'string' ? LEGACY_CODES[r.code] : undefined;
  if (code === undefined) return undefined;
  const rule = typeof r.rule === 'string' ? { rule: r.rule } : {};
  if (code === r.code && typeof r.detail === 'object' && r.detail !== null) return { code, detail: r.detail, ...rule } as Reason;
  return { code, ...rule };
}

/** A stored `reasons` column (JSON text or already parsed) as reasons; see {@link normaliseReason}. */
export function normaliseReasons(raw: unknown): StoredReason[] {
  const list = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (!Array.isArray(list)) return [];
  return list.map(normaliseReason).filter((r): r is StoredReason => r !== undefined);
}
