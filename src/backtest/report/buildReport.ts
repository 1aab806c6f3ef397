import type { Outcome } from '../../domain/trade.js';
import { drawdownCurve, equityCurve, maxDrawdownPct } from './equityCurve.js';
import { exchangeFiltersSection } from './exchangeFiltersSection.js';
import { memoryTimeline } from './memoryTimeline.js';
import { canonical, redactConfig, round, roundOrNull } from './numbers.js';
import { isClosedRow, readMemoryEvents, readSignals, readTrades, type TradeWithSignal } from './readRows.js';
import { marketContext } from './marketContext.js';
import { buildMetrics } from './runMetrics.js';
import { buildSummary } from './summary.js';
import { groupRows, utcMonth } from './tradeStats.js';
import { REPORT_SCHEMA_VERSION, type BacktestReport, type ReportInput, type ReportTrade } from './types.js';
import { universeSection } from './universeSection.js';

/** Exit reasons in the order the table shows them, present even when empty. */
const EXITS: readonly Outcome[] = ['WIN', 'LOSS', 'EXPIRED'];

function reportTrade(t: TradeWithSignal): ReportTrade {
  return {
    tradeId: t.tradeId,
    signalId: t.signalId,
    symbol: t.symbol,
    model: t.model,
    side: t.side,
    interval: t.interval,
    score: round(t.score),
    breakdown: canonical(t.breakdown) as ReportTrade['breakdown'],
    threshold: round(t.threshold),
    signalTimeMs: t.signalTimeMs,
    entry: round(t.entry),
    stopLoss: round(t.stopLoss),
    takeProfit: round(t.takeProfit),
    quantity: round(t.quantity),
    riskPct: round(t.riskPct),
    status: t.status,
    exitTimeMs: t.exitTimeMs,
    exitPrice: roundOrNull(t.exitPrice),
    outcome: t.outcome,
    rMultiple: roundOrNull(t.rMultiple),
    pnl: roundOrNull(t.pnl),
    equityAfter: roundOrNull(t.equityAfter),
    holdingMs: t.exitTimeMs === null ? null : t.exitTimeMs - t.openedAtMs,
    reasons: t.reasons.map((r) => canonical(r) as ReportTrade['reasons'][number]),
  };
}

/**
 * Reads a backtest's SQLite file and describes the run: summary, tables, memory timeline, every
 * trade, equity and drawdown. A pure function of the file and `run` apart from `runtime`, which
 * carries the wall-clock start and end: two runs on the same data give byte-identical JSON
 * everywhere else (see {@link reportJson}).
 */
export function buildReport({ db, run, market }: ReportInput): BacktestReport {
  const trades = readTrades(db);
  const closed = trades.filter(isClosedRow);
  const signals = readSignals(db);
  const equity = equityCurve(run.startingEquity, run.fromMs, closed);
  const drawdown = drawdownCurve(equity);
  const summary = buildSummary({ run, trades, closed, signals, maxDrawdownPct: maxDrawdownPct(drawdown) });
  const bySymbol = groupRows(closed, (t) => t.symbol);
  const firstTradeMs = trades.reduce<number | null>((min, t) => (min === null || t.signalTimeMs < min ? t.signalTimeMs : min), null);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: 'backtest',
    runtime: {
      startedAt: new Date(run.startedAtMs).toISOString(),
      finishedAt: new Date(run.finishedAtMs).toISOString(),
      wallMs: run.finishedAtMs - run.startedAtMs,
    },
    run: {
      profile: run.profile,
      memory: run.memory,
      symbols: [...run.symbols].sort(),
      fromMs: run.fromMs,
      toMs: run.toMs,
      candles: run.candles,
      dataDir: run.dataDir,
      startingEquity: round(run.startingEquity),
      config: redactConfig(run.config),
    },
    exchangeFilters: exchangeFiltersSection(db, run.exchangeFilters, run.symbols),
    universe: run.universe === undefined ? null : universeSection(run.universe),
    summary,
    metrics: buildMetrics({
      fromMs: run.fromMs, toMs: run.toMs, startingEquity: run.startingEquity, finalEquity: summary.finalEquity,
      maxDrawdownPct: summary.maxDrawdownPct, equity, closed, bySymbol, signals,
    }),
    market: marketContext(market, run.fromMs, run.toMs, firstTradeMs),
    tables: {
      bySymbol,
      byModel: groupRows(closed, (t) => t.model),
      byExit: groupRows(closed, (t) => t.outcome, {
        always: EXITS,
        order: (a, b) => EXITS.indexOf(a as Outcome) - EXITS.indexOf(b as Outcome),
      }),
      byMonth: groupRows(closed, (t) => utcMonth(t.exitTimeMs)),
    },
    memory: memoryTimeline(readMemoryEvents(db), signals),
    trades: trades.map(reportTrade),
    equity,
    drawdown,
  };
}

/** report.json text: two-space indent, trailing newline. Key order is the order reports are built in. */
export function reportJson(report: unknown): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
