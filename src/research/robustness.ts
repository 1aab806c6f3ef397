import type { OutcomeConfig } from '../core/outcome/outcomeConfig.js';
import { canonical } from '../backtest/report/numbers.js';
import type { ReportTrade } from '../backtest/report/types.js';
import { equityReturns } from './equityPath.js';
import type { MarketIndex } from './marketIndex.js';
import { tradeOrderMonteCarlo, type MonteCarloResult } from './monteCarlo.js';
import { randomBaselines, type BaselineResult, type ModelTradeFacts } from './randomBaseline.js';

/** `--monte-carlo N --baseline-runs N --seed N`; 0 runs switch that part off. */
export interface RobustnessOptions {
  readonly monteCarloRuns: number;
  readonly baselineRuns: number;
  readonly seed: number;
}

/** The defaults: 1,000 reshuffles, 200 baseline repetitions, seed 1. */
export const DEFAULT_ROBUSTNESS_OPTIONS: RobustnessOptions = Object.freeze({ monteCarloRuns: 1000, baselineRuns: 200, seed: 1 });

/** report.json `robustness`: is the run's result more than the luck of order and of entry timing? */
export interface RobustnessReport {
  readonly seed: number;
  /** null with `--monte-carlo 0`. */
  readonly monteCarlo: MonteCarloResult | null;
  /** One entry per model with closed trades; null with `--baseline-runs 0`. */
  readonly baseline: readonly BaselineResult[] | null;
}

type ClosedReportTrade = ReportTrade & { readonly pnl: number; readonly equityAfter: number; readonly rMultiple: number };

const isClosed = (t: ReportTrade): t is ClosedReportTrade => t.status === 'closed' && t.pnl !== null && t.equityAfter !== null && t.rMultiple !== null;

/**
 * The robustness section of a run from its report's closed trades (in the report's memory order)
 * and the replayed candles. Numbers are rounded like the rest of the report; deterministic for a
 * seed, so two runs on the same data still give byte-identical JSON.
 */
export function robustnessOf(trades: readonly ReportTrade[], market: MarketIndex, outcome: OutcomeConfig, options: RobustnessOptions): RobustnessReport {
  const closed = trades.filter(isClosed);
  const facts: ModelTradeFacts[] = closed;
  const report: RobustnessReport = {
    seed: options.seed,
    monteCarlo: options.monteCarloRuns > 0 ? tradeOrderMonteCarlo(equityReturns(closed), options.monteCarloRuns, options.seed) : null,
    baseline: options.baselineRuns > 0 ? randomBaselines(facts, market, outcome, options.baselineRuns, options.seed) : null,
  };
  return canonical(report) as RobustnessReport;
}
