/** The figures of one run that a search ranks by. */
export interface RunFigures {
  readonly trades: number;
  readonly expectancyR: number | null;
  readonly maxDrawdownPct: number;
}

/** Default objective: the highest expectancy (R per closed trade) among runs with enough trades and a bounded drawdown. */
export interface Objective {
  readonly minTrades: number;
  readonly maxDrawdownPct: number;
}

/** A run meets the objective's constraints. */
export function feasible(o: Objective, f: RunFigures): boolean {
  return f.expectancyR !== null && f.trades >= o.minTrades && f.maxDrawdownPct <= o.maxDrawdownPct;
}

/**
 * The index of the best run: the feasible one with the highest expectancy; when none is feasible,
 * the one with the highest expectancy among those with a trade (flagged by the caller). Ties go to
 * the earlier trial, so trial 0 (the configuration as given) wins a tie. -1: no run has a trade.
 */
export function pickBest(o: Objective, runs: readonly RunFigures[]): { index: number; feasible: boolean } {
  const best = (ok: (f: RunFigures) => boolean): number => {
    let at = -1;
    runs.forEach((f, i) => {
      if (ok(f) && (at === -1 || (f.expectancyR as number) > (runs[at]!.expectancyR as number))) at = i;
    });
    return at;
  };
  const strict = best((f) => feasible(o, f));
  if (strict !== -1) return { index: strict, feasible: true };
  return { index: best((f) => f.expectancyR !== null), feasible: false };
}
