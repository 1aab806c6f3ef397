import { REASON_CODES, type ReasonCode } from '../../domain/reason.js';
import type { Side } from '../../domain/signal.js';
import type { ReportMetrics, SideFigures } from './metricsTypes.js';
import type { ClosedTradeRow, SignalBrief } from './readRows.js';
import { cagrPct, calmarRatio, dailyEquity, dailyReturns, sharpeRatio, sortinoRatio, type EquityMark } from './riskMetrics.js';
import { tradeStats } from './tradeStats.js';
import type { GroupRow } from './types.js';

export interface MetricsInput {
  readonly fromMs: number;
  readonly toMs: number;
  readonly startingEquity: number;
  readonly finalEquity: number;
  readonly maxDrawdownPct: number;
  readonly equity: readonly EquityMark[];
  readonly closed: readonly ClosedTradeRow[];
  readonly bySymbol: readonly GroupRow[];
  readonly signals: readonly SignalBrief[];
}

function side(closed: readonly ClosedTradeRow[], which: Side): SideFigures {
  const s = tradeStats(closed.filter((t) => t.side === which));
  return { trades: s.trades, winRatePct: s.winRatePct, totalR: s.totalR };
}

/** Each reason code with the number of blocked candidates carrying it, most frequent first. */
function blockedByReason(signals: readonly SignalBrief[]): ReportMetrics['blockedByReason'] {
  const counts = new Map<ReasonCode, number>();
  for (const s of signals) {
    if (s.status !== 'blocked') continue;
    for (const code of new Set(s.reasons.map((r) => r.code))) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || REASON_CODES.indexOf(a[0]) - REASON_CODES.indexOf(b[0]))
    .map(([code, count]) => ({ code, count }));
}

/** CAGR, Sharpe, Sortino, Calmar, best and worst symbol, long vs short, blocked candidates by reason. */
export function buildMetrics(m: MetricsInput): ReportMetrics {
  const returns = dailyReturns(dailyEquity(m.equity, m.fromMs, m.toMs));
  const cagr = cagrPct(m.startingEquity, m.finalEquity, m.fromMs, m.toMs);
  const traded = m.bySymbol.filter((r) => r.trades > 0);
  // bySymbol is alphabetical: on a tie the first symbol wins both ways.
  const best = traded.reduce<GroupRow | undefined>((a, r) => (a === undefined || r.totalR > a.totalR ? r : a), undefined);
  const worst = traded.reduce<GroupRow | undefined>((a, r) => (a === undefined || r.totalR < a.totalR ? r : a), undefined);
  return {
    days: returns.length,
    cagrPct: cagr,
    sharpe: sharpeRatio(returns),
    sortino: sortinoRatio(returns),
    calmar: calmarRatio(cagr, m.maxDrawdownPct),
    bestSymbol: best === undefined ? null : { symbol: best.key, totalR: best.totalR },
    worstSymbol: worst === undefined ? null : { symbol: worst.key, totalR: worst.totalR },
    long: side(m.closed, 'LONG'),
    short: side(m.closed, 'SHORT'),
    blockedByReason: blockedByReason(m.signals),
  };
}
