import type { AdjustmentVerdict, Scope } from '../../../domain/memory.js';
import { isWin, type ClosedTrade } from '../../../domain/trade.js';
import type { RuleTracker } from '../rule.js';
import { WinWindow } from './winWindow.js';

export interface WindowRateParams {
  readonly windowTrades: number;
  readonly minTrades: number;
  /** `below`: holds while the win rate is under `pct`; `above`: while it is over. */
  readonly direction: 'below' | 'above';
  readonly pct: number;
  /** The adjustment while the rule holds, given the scope of the trades and the window. */
  readonly verdict: (scope: Scope, wins: number, count: number) => AdjustmentVerdict;
  readonly scopeOf: (trade: ClosedTrade) => Scope;
}

/**
 * Tracker for win-rate adjustments (rules 1, 6 and 8): a sliding window of the last results,
 * no opinion below the minimum count. It holds for as long as the rate stays past the line.
 */
export function windowRateTracker(params: WindowRateParams): RuleTracker {
  const window = new WinWindow(params.windowTrades);
  let scope: Scope | undefined;
  let cached: AdjustmentVerdict | null | undefined;
  return {
    add(trade) {
      window.push(isWin(trade));
      scope = params.scopeOf(trade);
      cached = undefined;
    },
    verdict() {
      if (cached !== undefined) return cached;
      const holds = params.direction === 'below' ? window.below(params.pct) : window.above(params.pct);
      cached =
        scope !== undefined && window.count >= params.minTrades && holds
          ? params.verdict(scope, window.wins, window.count)
          : null;
      return cached;
    },
  };
}
