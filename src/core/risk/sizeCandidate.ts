import type { ReasonCode } from '../../domain/reason.js';
import type { Candidate, Reason, Signal } from '../../domain/signal.js';
import type { EffectiveLimits } from './effectiveLimits.js';
import { sizePosition } from './sizing.js';
import type { SymbolFilters } from './symbolFilters.js';

/** Reason code when a score is below the effective (memory-adjusted) threshold. */
export const THRESHOLD_REASON_CODE = 'threshold' satisfies ReasonCode;

/** A candidate, or a signal already decided upstream (e.g. blocked by the memory gate). */
export type CandidateOrSignal = Candidate | Signal;

function isSignal(input: CandidateOrSignal): input is Signal {
  return 'status' in input;
}

export interface SizeCandidateContext {
  readonly limits: EffectiveLimits;
  readonly equityUsdt: number;
  readonly filters: SymbolFilters;
}

/**
 * Turns a candidate into a signal: sent with a quantity, or blocked with reasons. A signal that
 * arrives already blocked passes unchanged. The effective threshold is re-checked here (reason
 * `threshold`) so a candidate the memory gate let through is never sent under it; a sizing refusal
 * adds reason `size`. Price fields come back rounded to the tick. `quantity` is 0 when sizing
 * refused, otherwise the sized quantity (also on a threshold block, for the record).
 */
export function sizeCandidate(input: CandidateOrSignal, ctx: SizeCandidateContext): Signal {
  if (isSignal(input) && input.status === 'blocked') return input;
  const { limits } = ctx;
  const effectiveThreshold = limits.threshold(input.symbol);
  const reasons: Reason[] = isSignal(input) ? [...input.reasons] : [];
  if (input.score < effectiveThreshold) {
    reasons.push({ code: THRESHOLD_REASON_CODE, detail: { score: input.score, threshold: effectiveThreshold } });
  }
  const sized = sizePosition({
    entry: input.entry,
    stopLoss: input.stopLoss,
    takeProfit: input.takeProfit,
    equityUsdt: ctx.equityUsdt,
    riskPct: limits.riskPct,
    filters: ctx.filters,
  });
  if (!sized.ok) reasons.push(sized.reason);
  const prices = sized.ok
    ? { entry: sized.size.entry, stopLoss: sized.size.stopLoss, takeProfit: sized.size.takeProfit }
    : {};
  const blocked = reasons.some((r) => r.code === THRESHOLD_REASON_CODE) || !sized.ok;
  return {
    ...input,
    ...prices,
    status: blocked ? 'blocked' : 'sent',
    quantity: sized.ok ? sized.size.quantity : 0,
    riskPct: limits.riskPct,
    effectiveThreshold,
    reasons,
  };
}
