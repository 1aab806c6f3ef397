import type { BacktestReport } from '../report/types.js';

/** Rounds for a machine reader: no float noise, enough digits to compare runs. */
const r = (v: number | null, decimals: number): number | null => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(decimals)));

/** The `--json` stdout line of one run: its headline metrics, its speed and its files. */
export interface RunJsonLine {
  readonly run: string;
  readonly trades: number;
  readonly openTrades: number;
  readonly winRatePct: number | null;
  readonly expectancyR: number | null;
  readonly profitFactor: number | null;
  readonly totalR: number | null;
  readonly returnPct: number | null;
  readonly cagrPct: number | null;
  readonly maxDrawdownPct: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly longestLosingStreak: number;
  readonly blockedCandidates: number;
  readonly finalEquity: number | null;
  readonly candles: number;
  readonly gaps: number;
  readonly wallMs: number;
  readonly candlesPerSec: number;
  readonly db: string;
  readonly report: string;
  readonly html: string;
}

export interface RunFacts {
  readonly label: string;
  readonly report: BacktestReport;
  readonly gaps: number;
  readonly wallMs: number;
  readonly runnerMs: number;
  readonly db: string;
  readonly jsonPath: string;
  readonly htmlPath: string;
}

/** Percentages and R to 2–3 decimals, ratios to 3, money to cents. */
export function runJsonLine(f: RunFacts): RunJsonLine {
  const { summary: s, metrics: m, run } = f.report;
  return {
    run: f.label, trades: s.trades, openTrades: s.openTrades, winRatePct: r(s.winRatePct, 2), expectancyR: r(s.expectancyR, 3),
    profitFactor: r(s.profitFactor, 3), totalR: r(s.totalR, 3), returnPct: r(s.returnPct, 2), cagrPct: r(m.cagrPct, 2),
    maxDrawdownPct: r(s.maxDrawdownPct, 2), sharpe: r(m.sharpe, 3), sortino: r(m.sortino, 3), calmar: r(m.calmar, 3),
    longestLosingStreak: s.longestLosingStreak, blockedCandidates: s.blockedCandidates, finalEquity: r(s.finalEquity, 2),
    candles: run.candles, gaps: f.gaps, wallMs: Math.round(f.wallMs),
    candlesPerSec: f.runnerMs > 0 ? Math.round((run.candles / f.runnerMs) * 1000) : 0, db: f.db, report: f.jsonPath, html: f.htmlPath,
  };
}
