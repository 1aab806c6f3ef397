import type { ReportSummary, RunInfo } from './types.js';
import { ratio, round } from './numbers.js';
import type { ClosedTradeRow, SignalBrief, TradeWithSignal } from './readRows.js';
import { longestLosingStreak, mean, tradeStats } from './tradeStats.js';

const DAY_MS = 86_400_000;

export interface SummaryInput {
  readonly run: Pick<RunInfo, 'fromMs' | 'toMs' | 'startingEquity'>;
  readonly trades: readonly TradeWithSignal[];
  /** Closed trades in memory order. */
  readonly closed: readonly ClosedTradeRow[];
  readonly signals: readonly SignalBrief[];
  readonly maxDrawdownPct: number;
}

/**
 * The headline figures. Final equity is the last closed trade's `equity_after` (the runner's own
 * book), so the report never re-derives sizing; signals per day divide by the replayed span.
 */
export function buildSummary({ run, trades, closed, signals, maxDrawdownPct }: SummaryInput): ReportSummary {
  const stats = tradeStats(closed);
  const finalEquity = round(closed.at(-1)?.equityAfter ?? run.startingEquity);
  const sent = signals.filter((s) => s.status === 'sent').length;
  return {
    trades: stats.trades,
    wins: stats.wins,
    losses: stats.losses,
    expired: closed.filter((t) => t.outcome === 'EXPIRED').length,
    openTrades: trades.length - closed.length,
    winRatePct: stats.winRatePct,
    expectancyR: stats.expectancyR,
    profitFactor: stats.profitFactor,
    totalR: stats.totalR,
    totalPnl: stats.pnl,
    startingEquity: round(run.startingEquity),
    finalEquity,
    returnPct: ratio((finalEquity - run.startingEquity) * 100, run.startingEquity) ?? 0,
    maxDrawdownPct,
    longestLosingStreak: longestLosingStreak(closed),
    avgHoldingMs: mean(closed.map((t) => t.exitTimeMs - t.openedAtMs)),
    sentSignals: sent,
    signalsPerDay: ratio(sent * DAY_MS, run.toMs - run.fromMs),
    blockedCandidates: signals.length - sent,
  };
}
