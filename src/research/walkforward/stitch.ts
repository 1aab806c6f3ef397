import type { EquityPoint } from '../../backtest/report/index.js';
import type { PeriodFigures, StitchedResult } from './types.js';

export interface TestPeriod {
  readonly figures: PeriodFigures;
  readonly equity: readonly EquityPoint[];
  readonly startingEquity: number;
}

/**
 * Chains test periods in time order: each period's equity curve is scaled so that it starts where
 * the previous one ended (returns compound; every period itself starts from the starting equity
 * with an empty memory). Expectancy is pooled over every test trade (ΣR / trades).
 */
export function stitchPeriods(periods: readonly TestPeriod[], startingEquity: number): StitchedResult {
  const equity: Array<{ atMs: number; equity: number }> = [];
  let level = startingEquity;
  let peak = startingEquity;
  let maxDrawdownPct = 0;
  let trades = 0;
  let totalR = 0;
  for (const p of periods) {
    const scale = level / p.startingEquity;
    for (const point of p.equity) {
      const e = point.equity * scale;
      equity.push({ atMs: point.atMs, equity: round(e) });
      peak = Math.max(peak, e);
      maxDrawdownPct = Math.max(maxDrawdownPct, ((peak - e) / peak) * 100);
    }
    const last = p.equity[p.equity.length - 1];
    level = last === undefined ? level : last.equity * scale;
    trades += p.figures.trades;
    totalR += p.figures.totalR;
  }
  return {
    trades, totalR: round(totalR), expectancyR: trades > 0 ? round(totalR / trades) : null,
    returnPct: round(((level - startingEquity) / startingEquity) * 100), maxDrawdownPct: round(maxDrawdownPct), equity,
  };
}

/** Ten significant digits at most: no float noise in a report. */
export function round(x: number): number {
  return Number(x.toPrecision(10));
}
