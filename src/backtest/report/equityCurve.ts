import type { DrawdownPoint, EquityPoint } from './types.js';
import { round } from './numbers.js';
import type { ClosedTradeRow } from './readRows.js';

/**
 * Closed-trade equity: the starting balance at `fromMs`, then `equity_after` of each closed trade
 * at its exit, in memory order. Open trades move nothing (they reserve nothing, MODELS.md 9).
 */
export function equityCurve(startingEquity: number, fromMs: number, trades: readonly ClosedTradeRow[]): EquityPoint[] {
  return [
    { atMs: fromMs, equity: round(startingEquity), tradeId: null },
    ...trades.map((t) => ({ atMs: t.exitTimeMs, equity: round(t.equityAfter), tradeId: t.tradeId })),
  ];
}

/** Drawdown at each equity point, in percent of the running peak (the peak includes the start). */
export function drawdownCurve(equity: readonly EquityPoint[]): DrawdownPoint[] {
  let peak = Number.NEGATIVE_INFINITY;
  return equity.map((p) => {
    peak = Math.max(peak, p.equity);
    return { atMs: p.atMs, drawdownPct: peak > 0 ? round(((peak - p.equity) / peak) * 100) : 0 };
  });
}

/** The deepest drawdown of the curve, percent; 0 for a curve that never fell. */
export function maxDrawdownPct(drawdown: readonly DrawdownPoint[]): number {
  return drawdown.reduce((max, p) => Math.max(max, p.drawdownPct), 0);
}
