import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { sizeCandidate } from '../core/risk/sizeCandidate.js';

export interface RiskSizeDeps {
  readonly desk: SignalDesk;
}

/**
 * Sizes each provisional signal at the effective risk on the paper equity at the signal, rounded
 * to the symbol's LOT_SIZE step and tick; re-checks the effective threshold (reason `threshold`)
 * and refuses below the minimum quantity or notional (reason `size`). Blocked ones pass unchanged.
 */
export function riskSize(deps: RiskSizeDeps): MonoTypeOperatorFunction<CandleStep> {
  return map(riskSizeStage(deps));
}

/** The stage itself, as a function of one step (see signalPipeline's `fused`). */
export function riskSizeStage({ desk }: RiskSizeDeps): (step: CandleStep) => CandleStep {
  return (step) => {
    if (step.decisions.length === 0) return step;
    const limits = desk.limits();
    const decisions = step.decisions.map((s) =>
      sizeCandidate(s, { limits, equityUsdt: desk.equityUsdt, filters: desk.config.filters(s.symbol) }),
    );
    return { ...step, decisions };
  };
}
