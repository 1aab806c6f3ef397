/**
 * A closed trade as the Monte Carlo sees it: its result as a fraction of the equity it was closed
 * against (pnl / equity before the close). The report's equity compounds: a trade risks a share of
 * the equity at its signal, so a loss shrinks the next trade's size. Replaying these fractions in
 * the original order gives back the report's equity curve exactly.
 */
export type EquityReturn = number;

/** The fractions of a run's closed trades, in the order the report's equity curve applies them. */
export function equityReturns(trades: readonly { readonly pnl: number; readonly equityAfter: number }[]): EquityReturn[] {
  return trades.map((t) => {
    const before = t.equityAfter - t.pnl;
    return before > 0 ? t.pnl / before : 0;
  });
}

/** What one ordering of the trades gives: the deepest fall from a running peak and the end result. */
export interface PathFigures {
  /** (peak − equity) / peak × 100 at its deepest, the peak including the starting balance (as the report). */
  readonly maxDrawdownPct: number;
  /** Final equity over starting equity, minus one, in percent. */
  readonly returnPct: number;
}

/** Compounds `returns` in order from an equity of 1. */
export function pathFigures(returns: readonly EquityReturn[]): PathFigures {
  let equity = 1;
  let peak = 1;
  let deepest = 0;
  for (const r of returns) {
    equity *= 1 + r;
    if (equity > peak) peak = equity;
    else deepest = Math.max(deepest, (peak - equity) / peak);
  }
  return { maxDrawdownPct: deepest * 100, returnPct: (equity - 1) * 100 };
}
