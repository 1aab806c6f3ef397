import type { AdjustmentVerdict } from '../../../domain/memory.js';
import type { ClosedTrade } from '../../../domain/trade.js';
import type { RuleTracker } from '../rule.js';

/**
 * Closed-trade paper equity: starts at the starting balance and moves by each trade's pnl in memory
 * order. The peak includes the starting balance (MODELS.md reading 9).
 */
export class EquityCurve {
  equity: number;
  peak: number;

  constructor(startingEquity: number) {
    this.equity = startingEquity;
    this.peak = startingEquity;
  }

  add(trade: Pick<ClosedTrade, 'pnl'>): void {
    this.equity += trade.pnl;
    if (this.equity > this.peak) this.peak = this.equity;
  }

  /** Drawdown from the peak, percent (for display; rules compare with {@link exceeds}). */
  get drawdownPct(): number {
    return this.peak > 0 ? ((this.peak - this.equity) / this.peak) * 100 : 0;
  }

  /** Drawdown strictly above `pct` percent, compared without a division: (peak − equity) × 100 > pct × peak. */
  exceeds(pct: number): boolean {
    return (this.peak - this.equity) * 100 > pct * this.peak;
  }
}

export interface DrawdownParams {
  readonly startingEquity: number;
  readonly abovePct: number;
  readonly verdict: (drawdownPct: number) => AdjustmentVerdict;
}

/** Tracker for drawdown caps (rules 3 and 4): holds while the drawdown is above the line. */
export function drawdownTracker(params: DrawdownParams): RuleTracker {
  const curve = new EquityCurve(params.startingEquity);
  let cached: AdjustmentVerdict | null | undefined;
  return {
    add(trade) {
      curve.add(trade);
      cached = undefined;
    },
    verdict() {
      if (cached === undefined) cached = curve.exceeds(params.abovePct) ? params.verdict(curve.drawdownPct) : null;
      return cached;
    },
  };
}
