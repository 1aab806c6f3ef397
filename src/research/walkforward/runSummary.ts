import type { Db } from '../../sinks/sqlite/db.js';
import { drawdownCurve, equityCurve, maxDrawdownPct } from '../../backtest/report/equityCurve.js';
import { isClosedRow, readSignals, readTrades } from '../../backtest/report/readRows.js';
import { buildSummary } from '../../backtest/report/summary.js';
import type { EquityPoint, ReportSummary, RunInfo } from '../../backtest/report/types.js';

/**
 * A backtest file's summary and equity curve, built by the report's own functions from the same
 * rows as `buildReport`, without the tables, the memory timeline and the trade list a search does
 * not read (≈ 40 % of buildReport's time on a confluence half-year). A trial's summary is checked
 * equal to the plain backtest's report (test/research/walkforward/trialEqualsBacktest.spec.ts).
 */
export function runSummary(db: Db, run: Pick<RunInfo, 'fromMs' | 'toMs' | 'startingEquity'>): { summary: ReportSummary; equity: EquityPoint[] } {
  const trades = readTrades(db);
  const closed = trades.filter(isClosedRow);
  const equity = equityCurve(run.startingEquity, run.fromMs, closed);
  return { summary: buildSummary({ run, trades, closed, signals: readSignals(db), maxDrawdownPct: maxDrawdownPct(drawdownCurve(equity)) }), equity };
}
