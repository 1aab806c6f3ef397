import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { sizeSignal } from '../core/risk/sizeCandidate.js';

export interface RiskSizeDeps {
  readonly desk: SignalDesk;
}

/**
 * Sizes each decision at the risk the memory gate set for it, on the paper equity at the signal,
 * rounded to the symbol's LOT_SIZE step and tick, and refuses below the minimum quantity or
 * notional (reason `size`). Blocked decisions are sized for the record and stay blocked.
 */
export function riskSize(deps: RiskSizeDeps): MonoTypeOperatorFunction<CandleStep> {
  return map(riskSizeStage(deps));
}

/** The stage itself, as a function of one step (signalPipeline composes the stages). */
export function riskSizeStage({ desk }: RiskSizeDeps): (step: CandleStep) => CandleStep {
  return (step) => {
    if (step.decisions.length === 0) return step;
    const decisions = step.decisions.map((s) => sizeSignal(s, { equityUsdt: desk.equityUsdt, filters: desk.config.filters(s.symbol) }));
    return { ...step, decisions };
  };
}
