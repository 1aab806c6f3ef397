import { map, type OperatorFunction } from 'rxjs';
import type { Signal } from '../domain/signal.js';
import type { EffectiveLimits } from '../core/risk/effectiveLimits.js';
import { sizeCandidate, type CandidateOrSignal } from '../core/risk/sizeCandidate.js';
import type { SymbolFilters } from '../core/risk/symbolFilters.js';

export interface RiskSizeDeps {
  /** The memory engine's current limits, read once per candidate (event order keeps it current). */
  readonly limits: () => EffectiveLimits;
  /** Closed-trade paper equity in USDT at the moment of the candidate. */
  readonly equityUsdt: () => number;
  /** The symbol's exchange filters (BACKTEST_DEFAULT_FILTERS when exchangeInfo is unknown). */
  readonly filters: (symbol: string) => SymbolFilters;
}

/**
 * Sizes each candidate at the effective risk and threshold: a sent signal with a quantity, or a
 * blocked one with reasons `threshold` / `size`. Signals already blocked upstream pass unchanged.
 */
export function riskSize({ limits, equityUsdt, filters }: RiskSizeDeps): OperatorFunction<CandidateOrSignal, Signal> {
  return map((input) =>
    sizeCandidate(input, { limits: limits(), equityUsdt: equityUsdt(), filters: filters(input.symbol) }),
  );
}
